-- Why a payment failed becomes a code plus JSON params (lib/payments/failures.ts), worded at the edge
-- in the reader's language. Each English sentence lib used to write becomes its code; any other
-- text is kept as code 'text' {text}. The old column is dropped by the next migration.
ALTER TABLE "payments" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "failure_params" text;--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'shopperCancelled', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" IN ('You cancelled this payment.', 'You cancelled the card payment.');--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'cardDeclined', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" = 'Your card was declined. No money was taken; try another card.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'bankIncomplete', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" = 'The bank did not complete the card payment.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'pageExpired', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" = 'The card payment page expired.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'holdExpired', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" = 'The time to pay by card ran out.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'cardUnavailable', "failure_params" = '{}' WHERE "failure_code" IS NULL AND "failure_message" = 'Card payments were unavailable.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'paidAnotherWay', "failure_params" = json_build_object('number', substr("failure_message", 9, length("failure_message") - 30))::text WHERE "failure_code" IS NULL AND "failure_message" LIKE 'Invoice % was paid another way.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'orderSettled', "failure_params" = json_build_object('number', substr("failure_message", 7, length("failure_message") - 27))::text WHERE "failure_code" IS NULL AND "failure_message" LIKE 'Order % was already settled.';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'wireRejected', "failure_params" = json_build_object('reason', substr("failure_message", 23))::text WHERE "failure_code" IS NULL AND "failure_message" LIKE 'Rejected by the shop: %';--> statement-breakpoint
UPDATE "payments" SET "failure_code" = 'text', "failure_params" = json_build_object('text', "failure_message")::text WHERE "failure_code" IS NULL AND "failure_message" IS NOT NULL;
