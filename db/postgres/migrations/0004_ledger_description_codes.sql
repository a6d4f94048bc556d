-- Ledger descriptions become a code plus JSON params (lib/ledger/descriptions.ts), worded at the
-- edge by the `ledger` catalogue in the reader's language. Same conversion as SQLite's
-- 0009_ledger_description_codes.sql: each English sentence lib used to write becomes its code and
-- params; any other text is kept as code 'text' {text}. The append-only trigger refuses every
-- UPDATE of a transfer, so it is dropped around the conversion and created again (it now also keeps
-- the description from changing); its function append_only_refuse() serves the other guards and stays.
ALTER TABLE "ledger_transfers" ADD COLUMN "description_code" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "description_params" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
DROP TRIGGER "ledger_transfers_only_resolve" ON "ledger_transfers";--> statement-breakpoint
UPDATE "ledger_transfers" SET "description_params" = jsonb_build_object('text', "description")::text;--> statement-breakpoint
-- orderRefundToCard: Refund for order {number} to the card ({reference}): {reason}
UPDATE "ledger_transfers" SET "description_code" = 'orderRefundToCard', "description_params" = jsonb_build_object('number', substr(substr("description", 18), 1, strpos(substr("description", 18), ' to the card (') - 1), 'reference', substr(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), 1, strpos(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), '): ') - 1), 'reason', substr(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), strpos(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), '): ') + 3))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Refund for order % to the card (%): %' AND strpos(substr(substr("description", 18), 1, strpos(substr("description", 18), ' to the card (') - 1), ' ') = 0 AND length(substr(substr("description", 18), 1, strpos(substr("description", 18), ' to the card (') - 1)) > 0 AND strpos(substr(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), 1, strpos(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), '): ') - 1), ' ') = 0 AND length(substr(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), 1, strpos(substr(substr("description", 18), strpos(substr("description", 18), ' to the card (') + 14), '): ') - 1)) > 0;
--> statement-breakpoint
-- orderRefund: Refund for order {number}: {reason}
UPDATE "ledger_transfers" SET "description_code" = 'orderRefund', "description_params" = jsonb_build_object('number', substr(substr("description", 18), 1, strpos(substr("description", 18), ': ') - 1), 'reason', substr(substr("description", 18), strpos(substr("description", 18), ': ') + 2))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Refund for order %: %' AND strpos(substr(substr("description", 18), 1, strpos(substr("description", 18), ': ') - 1), ' ') = 0 AND length(substr(substr("description", 18), 1, strpos(substr("description", 18), ': ') - 1)) > 0;
--> statement-breakpoint
-- invoiceOverpayment: Card payment {reference} beyond the amount due of invoice {number}, kept in your wallet
UPDATE "ledger_transfers" SET "description_code" = 'invoiceOverpayment', "description_params" = jsonb_build_object('reference', substr(substr("description", 14), 1, strpos(substr("description", 14), ' beyond the amount due of invoice ') - 1), 'number', substr(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34)) - 21))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Card payment % beyond the amount due of invoice %, kept in your wallet' AND strpos(substr(substr("description", 14), 1, strpos(substr("description", 14), ' beyond the amount due of invoice ') - 1), ' ') = 0 AND length(substr(substr("description", 14), 1, strpos(substr("description", 14), ' beyond the amount due of invoice ') - 1)) > 0 AND strpos(substr(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34)) - 21), ' ') = 0 AND length(substr(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' beyond the amount due of invoice ') + 34)) - 21)) > 0;
--> statement-breakpoint
-- orderCardAfterRelease: Card payment {reference} for order {number}, whose wallet part had been released: added to your wallet
UPDATE "ledger_transfers" SET "description_code" = 'orderCardAfterRelease', "description_params" = jsonb_build_object('reference', substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1), 'number', substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 59))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Card payment % for order %, whose wallet part had been released: added to your wallet' AND strpos(substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1), ' ') = 0 AND length(substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1)) > 0 AND strpos(substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 59), ' ') = 0 AND length(substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 59)) > 0;
--> statement-breakpoint
-- orderCardAfterSettled: Card payment {reference} for order {number}, which was already settled: added to your wallet
UPDATE "ledger_transfers" SET "description_code" = 'orderCardAfterSettled', "description_params" = jsonb_build_object('reference', substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1), 'number', substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 49))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Card payment % for order %, which was already settled: added to your wallet' AND strpos(substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1), ' ') = 0 AND length(substr(substr("description", 14), 1, strpos(substr("description", 14), ' for order ') - 1)) > 0 AND strpos(substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 49), ' ') = 0 AND length(substr(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11), 1, length(substr(substr("description", 14), strpos(substr("description", 14), ' for order ') + 11)) - 49)) > 0;
--> statement-breakpoint
-- orderPaymentCardPart: Payment for order {number} (card part)
UPDATE "ledger_transfers" SET "description_code" = 'orderPaymentCardPart', "description_params" = jsonb_build_object('number', substr(substr("description", 19), 1, length(substr("description", 19)) - 12))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment for order % (card part)' AND strpos(substr(substr("description", 19), 1, length(substr("description", 19)) - 12), ' ') = 0 AND length(substr(substr("description", 19), 1, length(substr("description", 19)) - 12)) > 0;
--> statement-breakpoint
-- orderWalletPart: Payment for order {number} (wallet part)
UPDATE "ledger_transfers" SET "description_code" = 'orderWalletPart', "description_params" = jsonb_build_object('number', substr(substr("description", 19), 1, length(substr("description", 19)) - 14))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment for order % (wallet part)' AND strpos(substr(substr("description", 19), 1, length(substr("description", 19)) - 14), ' ') = 0 AND length(substr(substr("description", 19), 1, length(substr("description", 19)) - 14)) > 0;
--> statement-breakpoint
-- invoiceWalletPart: Payment for invoice {number} (wallet part)
UPDATE "ledger_transfers" SET "description_code" = 'invoiceWalletPart', "description_params" = jsonb_build_object('number', substr(substr("description", 21), 1, length(substr("description", 21)) - 14))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment for invoice % (wallet part)' AND strpos(substr(substr("description", 21), 1, length(substr("description", 21)) - 14), ' ') = 0 AND length(substr(substr("description", 21), 1, length(substr("description", 21)) - 14)) > 0;
--> statement-breakpoint
-- orderPayment: Payment for order {number}
UPDATE "ledger_transfers" SET "description_code" = 'orderPayment', "description_params" = jsonb_build_object('number', substr("description", 19))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment for order %' AND strpos(substr("description", 19), ' ') = 0 AND length(substr("description", 19)) > 0;
--> statement-breakpoint
-- invoicePayment: Payment of invoice {number}
UPDATE "ledger_transfers" SET "description_code" = 'invoicePayment', "description_params" = jsonb_build_object('number', substr("description", 20))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment of invoice %' AND strpos(substr("description", 20), ' ') = 0 AND length(substr("description", 20)) > 0;
--> statement-breakpoint
-- topUpCard: Top-up by card ({reference})
UPDATE "ledger_transfers" SET "description_code" = 'topUpCard', "description_params" = jsonb_build_object('reference', substr(substr("description", 17), 1, length(substr("description", 17)) - 1))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Top-up by card (%)' AND strpos(substr(substr("description", 17), 1, length(substr("description", 17)) - 1), ' ') = 0 AND length(substr(substr("description", 17), 1, length(substr("description", 17)) - 1)) > 0;
--> statement-breakpoint
-- topUpWire: Wire transfer top-up ({reference})
UPDATE "ledger_transfers" SET "description_code" = 'topUpWire', "description_params" = jsonb_build_object('reference', substr(substr("description", 23), 1, length(substr("description", 23)) - 1))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Wire transfer top-up (%)' AND strpos(substr(substr("description", 23), 1, length(substr("description", 23)) - 1), ' ') = 0 AND length(substr(substr("description", 23), 1, length(substr("description", 23)) - 1)) > 0;
--> statement-breakpoint
-- topUpRefundToCard: Top-up {reference} refunded to the card
UPDATE "ledger_transfers" SET "description_code" = 'topUpRefundToCard', "description_params" = jsonb_build_object('reference', substr(substr("description", 8), 1, length(substr("description", 8)) - 21))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Top-up % refunded to the card' AND strpos(substr(substr("description", 8), 1, length(substr("description", 8)) - 21), ' ') = 0 AND length(substr(substr("description", 8), 1, length(substr("description", 8)) - 21)) > 0;
--> statement-breakpoint
-- paymentRefund: Refund of payment {reference}
UPDATE "ledger_transfers" SET "description_code" = 'paymentRefund', "description_params" = jsonb_build_object('reference', substr("description", 19))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Refund of payment %' AND strpos(substr("description", 19), ' ') = 0 AND length(substr("description", 19)) > 0;
--> statement-breakpoint
-- shopCredit: Credit from the shop: {reason}
UPDATE "ledger_transfers" SET "description_code" = 'shopCredit', "description_params" = jsonb_build_object('reason', substr("description", 23))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Credit from the shop: %';
--> statement-breakpoint
-- shopWithdrawal: Withdrawal by the shop: {reason}
UPDATE "ledger_transfers" SET "description_code" = 'shopWithdrawal', "description_params" = jsonb_build_object('reason', substr("description", 25))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Withdrawal by the shop: %';
--> statement-breakpoint
-- balanceReset: Balance reset by the shop: {reason}
UPDATE "ledger_transfers" SET "description_code" = 'balanceReset', "description_params" = jsonb_build_object('reason', substr("description", 28))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Balance reset by the shop: %';
--> statement-breakpoint
-- merchantBalanceReset: Merchant wallet balance reset to {value} {currency}
UPDATE "ledger_transfers" SET "description_code" = 'merchantBalanceReset', "description_params" = jsonb_build_object('value', substr(substr("description", 34), 1, strpos(substr("description", 34), ' ') - 1), 'currency', substr(substr("description", 34), strpos(substr("description", 34), ' ') + 1))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Merchant wallet balance reset to % %' AND strpos(substr(substr("description", 34), 1, strpos(substr("description", 34), ' ') - 1), ' ') = 0 AND length(substr(substr("description", 34), 1, strpos(substr("description", 34), ' ') - 1)) > 0 AND strpos(substr(substr("description", 34), strpos(substr("description", 34), ' ') + 1), ' ') = 0 AND length(substr(substr("description", 34), strpos(substr("description", 34), ' ') + 1)) > 0;
--> statement-breakpoint
-- apiPaymentConversation: Payment {reference} ({conversationId})
UPDATE "ledger_transfers" SET "description_code" = 'apiPaymentConversation', "description_params" = jsonb_build_object('reference', substr(substr("description", 9), 1, strpos(substr("description", 9), ' (') - 1), 'conversationId', substr(substr(substr("description", 9), strpos(substr("description", 9), ' (') + 2), 1, length(substr(substr("description", 9), strpos(substr("description", 9), ' (') + 2)) - 1))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment % (%)' AND strpos(substr(substr("description", 9), 1, strpos(substr("description", 9), ' (') - 1), ' ') = 0 AND length(substr(substr("description", 9), 1, strpos(substr("description", 9), ' (') - 1)) > 0;
--> statement-breakpoint
-- apiPayment: Payment {reference}
UPDATE "ledger_transfers" SET "description_code" = 'apiPayment', "description_params" = jsonb_build_object('reference', substr("description", 9))::text
WHERE "description_code" = 'text' AND "description" LIKE 'Payment %' AND strpos(substr("description", 9), ' ') = 0 AND length(substr("description", 9)) > 0;
--> statement-breakpoint
-- A hold's memo said "Held for order …" in English; the edge now words it from the description.
UPDATE "ledger_transfers" SET "memo" = NULL
WHERE "description_code" IN ('orderWalletPart', 'invoiceWalletPart') AND "memo" LIKE 'Held for %';--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP COLUMN "description";--> statement-breakpoint
ALTER TABLE "ledger_transfers" ALTER COLUMN "description_code" DROP DEFAULT;--> statement-breakpoint
CREATE TRIGGER "ledger_transfers_only_resolve" BEFORE UPDATE ON "ledger_transfers"
FOR EACH ROW WHEN (OLD.state <> 'pending' OR NEW.state NOT IN ('posted', 'voided')
  OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.debit_account_id IS DISTINCT FROM OLD.debit_account_id
  OR NEW.credit_account_id IS DISTINCT FROM OLD.credit_account_id OR NEW.currency IS DISTINCT FROM OLD.currency
  OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.reference IS DISTINCT FROM OLD.reference
  OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
  OR NEW.description_code IS DISTINCT FROM OLD.description_code OR NEW.description_params IS DISTINCT FROM OLD.description_params)
EXECUTE FUNCTION "append_only_refuse"('a transfer only moves once from pending to posted or voided');
