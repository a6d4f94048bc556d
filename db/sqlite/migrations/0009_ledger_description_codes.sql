-- Ledger descriptions become a code plus JSON params (lib/ledger/descriptions.ts), worded at the
-- edge by the `ledger` catalogue in the reader's language. Existing rows are converted here: each
-- English sentence lib used to write becomes its code and params; any other text is kept as
-- code 'text' {text}. The append-only guard refuses every UPDATE of a transfer, so it is dropped
-- around the conversion and created again (it now also keeps the description from changing).
-- The new NOT NULL column needs a default for the rows already there ('text'; inserts always set it).
ALTER TABLE `ledger_transfers` ADD `description_code` text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE `ledger_transfers` ADD `description_params` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
DROP TRIGGER `ledger_transfers_only_resolve`;--> statement-breakpoint
UPDATE `ledger_transfers` SET `description_params` = json_object('text', `description`);--> statement-breakpoint
-- orderRefundToCard: Refund for order {number} to the card ({reference}): {reason}
UPDATE `ledger_transfers` SET `description_code` = 'orderRefundToCard', `description_params` = json_object('number', substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ' to the card (') - 1), 'reference', substr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), 1, instr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), '): ') - 1), 'reason', substr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), instr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), '): ') + 3))
WHERE `description_code` = 'text' AND `description` GLOB 'Refund for order * to the card (*): *' AND instr(substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ' to the card (') - 1), ' ') = 0 AND length(substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ' to the card (') - 1)) > 0 AND instr(substr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), 1, instr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), '): ') - 1), ' ') = 0 AND length(substr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), 1, instr(substr(substr(`description`, 18), instr(substr(`description`, 18), ' to the card (') + 14), '): ') - 1)) > 0;
--> statement-breakpoint
-- orderRefund: Refund for order {number}: {reason}
UPDATE `ledger_transfers` SET `description_code` = 'orderRefund', `description_params` = json_object('number', substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ': ') - 1), 'reason', substr(substr(`description`, 18), instr(substr(`description`, 18), ': ') + 2))
WHERE `description_code` = 'text' AND `description` GLOB 'Refund for order *: *' AND instr(substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ': ') - 1), ' ') = 0 AND length(substr(substr(`description`, 18), 1, instr(substr(`description`, 18), ': ') - 1)) > 0;
--> statement-breakpoint
-- invoiceOverpayment: Card payment {reference} beyond the amount due of invoice {number}, kept in your wallet
UPDATE `ledger_transfers` SET `description_code` = 'invoiceOverpayment', `description_params` = json_object('reference', substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' beyond the amount due of invoice ') - 1), 'number', substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34)) - 21))
WHERE `description_code` = 'text' AND `description` GLOB 'Card payment * beyond the amount due of invoice *, kept in your wallet' AND instr(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' beyond the amount due of invoice ') - 1), ' ') = 0 AND length(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' beyond the amount due of invoice ') - 1)) > 0 AND instr(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34)) - 21), ' ') = 0 AND length(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' beyond the amount due of invoice ') + 34)) - 21)) > 0;
--> statement-breakpoint
-- orderCardAfterRelease: Card payment {reference} for order {number}, whose wallet part had been released: added to your wallet
UPDATE `ledger_transfers` SET `description_code` = 'orderCardAfterRelease', `description_params` = json_object('reference', substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1), 'number', substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 59))
WHERE `description_code` = 'text' AND `description` GLOB 'Card payment * for order *, whose wallet part had been released: added to your wallet' AND instr(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1), ' ') = 0 AND length(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1)) > 0 AND instr(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 59), ' ') = 0 AND length(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 59)) > 0;
--> statement-breakpoint
-- orderCardAfterSettled: Card payment {reference} for order {number}, which was already settled: added to your wallet
UPDATE `ledger_transfers` SET `description_code` = 'orderCardAfterSettled', `description_params` = json_object('reference', substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1), 'number', substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 49))
WHERE `description_code` = 'text' AND `description` GLOB 'Card payment * for order *, which was already settled: added to your wallet' AND instr(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1), ' ') = 0 AND length(substr(substr(`description`, 14), 1, instr(substr(`description`, 14), ' for order ') - 1)) > 0 AND instr(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 49), ' ') = 0 AND length(substr(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11), 1, length(substr(substr(`description`, 14), instr(substr(`description`, 14), ' for order ') + 11)) - 49)) > 0;
--> statement-breakpoint
-- orderPaymentCardPart: Payment for order {number} (card part)
UPDATE `ledger_transfers` SET `description_code` = 'orderPaymentCardPart', `description_params` = json_object('number', substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 12))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment for order * (card part)' AND instr(substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 12), ' ') = 0 AND length(substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 12)) > 0;
--> statement-breakpoint
-- orderWalletPart: Payment for order {number} (wallet part)
UPDATE `ledger_transfers` SET `description_code` = 'orderWalletPart', `description_params` = json_object('number', substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 14))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment for order * (wallet part)' AND instr(substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 14), ' ') = 0 AND length(substr(substr(`description`, 19), 1, length(substr(`description`, 19)) - 14)) > 0;
--> statement-breakpoint
-- invoiceWalletPart: Payment for invoice {number} (wallet part)
UPDATE `ledger_transfers` SET `description_code` = 'invoiceWalletPart', `description_params` = json_object('number', substr(substr(`description`, 21), 1, length(substr(`description`, 21)) - 14))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment for invoice * (wallet part)' AND instr(substr(substr(`description`, 21), 1, length(substr(`description`, 21)) - 14), ' ') = 0 AND length(substr(substr(`description`, 21), 1, length(substr(`description`, 21)) - 14)) > 0;
--> statement-breakpoint
-- orderPayment: Payment for order {number}
UPDATE `ledger_transfers` SET `description_code` = 'orderPayment', `description_params` = json_object('number', substr(`description`, 19))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment for order *' AND instr(substr(`description`, 19), ' ') = 0 AND length(substr(`description`, 19)) > 0;
--> statement-breakpoint
-- invoicePayment: Payment of invoice {number}
UPDATE `ledger_transfers` SET `description_code` = 'invoicePayment', `description_params` = json_object('number', substr(`description`, 20))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment of invoice *' AND instr(substr(`description`, 20), ' ') = 0 AND length(substr(`description`, 20)) > 0;
--> statement-breakpoint
-- topUpCard: Top-up by card ({reference})
UPDATE `ledger_transfers` SET `description_code` = 'topUpCard', `description_params` = json_object('reference', substr(substr(`description`, 17), 1, length(substr(`description`, 17)) - 1))
WHERE `description_code` = 'text' AND `description` GLOB 'Top-up by card (*)' AND instr(substr(substr(`description`, 17), 1, length(substr(`description`, 17)) - 1), ' ') = 0 AND length(substr(substr(`description`, 17), 1, length(substr(`description`, 17)) - 1)) > 0;
--> statement-breakpoint
-- topUpWire: Wire transfer top-up ({reference})
UPDATE `ledger_transfers` SET `description_code` = 'topUpWire', `description_params` = json_object('reference', substr(substr(`description`, 23), 1, length(substr(`description`, 23)) - 1))
WHERE `description_code` = 'text' AND `description` GLOB 'Wire transfer top-up (*)' AND instr(substr(substr(`description`, 23), 1, length(substr(`description`, 23)) - 1), ' ') = 0 AND length(substr(substr(`description`, 23), 1, length(substr(`description`, 23)) - 1)) > 0;
--> statement-breakpoint
-- topUpRefundToCard: Top-up {reference} refunded to the card
UPDATE `ledger_transfers` SET `description_code` = 'topUpRefundToCard', `description_params` = json_object('reference', substr(substr(`description`, 8), 1, length(substr(`description`, 8)) - 21))
WHERE `description_code` = 'text' AND `description` GLOB 'Top-up * refunded to the card' AND instr(substr(substr(`description`, 8), 1, length(substr(`description`, 8)) - 21), ' ') = 0 AND length(substr(substr(`description`, 8), 1, length(substr(`description`, 8)) - 21)) > 0;
--> statement-breakpoint
-- paymentRefund: Refund of payment {reference}
UPDATE `ledger_transfers` SET `description_code` = 'paymentRefund', `description_params` = json_object('reference', substr(`description`, 19))
WHERE `description_code` = 'text' AND `description` GLOB 'Refund of payment *' AND instr(substr(`description`, 19), ' ') = 0 AND length(substr(`description`, 19)) > 0;
--> statement-breakpoint
-- shopCredit: Credit from the shop: {reason}
UPDATE `ledger_transfers` SET `description_code` = 'shopCredit', `description_params` = json_object('reason', substr(`description`, 23))
WHERE `description_code` = 'text' AND `description` GLOB 'Credit from the shop: *';
--> statement-breakpoint
-- shopWithdrawal: Withdrawal by the shop: {reason}
UPDATE `ledger_transfers` SET `description_code` = 'shopWithdrawal', `description_params` = json_object('reason', substr(`description`, 25))
WHERE `description_code` = 'text' AND `description` GLOB 'Withdrawal by the shop: *';
--> statement-breakpoint
-- balanceReset: Balance reset by the shop: {reason}
UPDATE `ledger_transfers` SET `description_code` = 'balanceReset', `description_params` = json_object('reason', substr(`description`, 28))
WHERE `description_code` = 'text' AND `description` GLOB 'Balance reset by the shop: *';
--> statement-breakpoint
-- merchantBalanceReset: Merchant wallet balance reset to {value} {currency}
UPDATE `ledger_transfers` SET `description_code` = 'merchantBalanceReset', `description_params` = json_object('value', substr(substr(`description`, 34), 1, instr(substr(`description`, 34), ' ') - 1), 'currency', substr(substr(`description`, 34), instr(substr(`description`, 34), ' ') + 1))
WHERE `description_code` = 'text' AND `description` GLOB 'Merchant wallet balance reset to * *' AND instr(substr(substr(`description`, 34), 1, instr(substr(`description`, 34), ' ') - 1), ' ') = 0 AND length(substr(substr(`description`, 34), 1, instr(substr(`description`, 34), ' ') - 1)) > 0 AND instr(substr(substr(`description`, 34), instr(substr(`description`, 34), ' ') + 1), ' ') = 0 AND length(substr(substr(`description`, 34), instr(substr(`description`, 34), ' ') + 1)) > 0;
--> statement-breakpoint
-- apiPaymentConversation: Payment {reference} ({conversationId})
UPDATE `ledger_transfers` SET `description_code` = 'apiPaymentConversation', `description_params` = json_object('reference', substr(substr(`description`, 9), 1, instr(substr(`description`, 9), ' (') - 1), 'conversationId', substr(substr(substr(`description`, 9), instr(substr(`description`, 9), ' (') + 2), 1, length(substr(substr(`description`, 9), instr(substr(`description`, 9), ' (') + 2)) - 1))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment * (*)' AND instr(substr(substr(`description`, 9), 1, instr(substr(`description`, 9), ' (') - 1), ' ') = 0 AND length(substr(substr(`description`, 9), 1, instr(substr(`description`, 9), ' (') - 1)) > 0;
--> statement-breakpoint
-- apiPayment: Payment {reference}
UPDATE `ledger_transfers` SET `description_code` = 'apiPayment', `description_params` = json_object('reference', substr(`description`, 9))
WHERE `description_code` = 'text' AND `description` GLOB 'Payment *' AND instr(substr(`description`, 9), ' ') = 0 AND length(substr(`description`, 9)) > 0;
--> statement-breakpoint
-- A hold's memo said "Held for order …" in English; the edge now words it from the description.
UPDATE `ledger_transfers` SET `memo` = NULL
WHERE `description_code` IN ('orderWalletPart', 'invoiceWalletPart') AND `memo` GLOB 'Held for *';--> statement-breakpoint
ALTER TABLE `ledger_transfers` DROP COLUMN `description`;--> statement-breakpoint
CREATE TRIGGER `ledger_transfers_only_resolve` BEFORE UPDATE ON `ledger_transfers`
WHEN OLD.state <> 'pending' OR NEW.state NOT IN ('posted', 'voided')
  OR NEW.amount <> OLD.amount OR NEW.debit_account_id <> OLD.debit_account_id
  OR NEW.credit_account_id <> OLD.credit_account_id OR NEW.currency <> OLD.currency
  OR NEW.kind <> OLD.kind OR NEW.reference <> OLD.reference OR NEW.idempotency_key <> OLD.idempotency_key
  OR NEW.description_code <> OLD.description_code OR NEW.description_params <> OLD.description_params
BEGIN SELECT RAISE(ABORT, 'a transfer only moves once from pending to posted or voided'); END;
