CREATE TABLE "sign_in_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"touched_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "attempt_key" text;--> statement-breakpoint
CREATE INDEX "sign_in_locks_touched_idx" ON "sign_in_locks" USING btree ("touched_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_attempt_idx" ON "audit_log" USING btree ("action","attempt_key");