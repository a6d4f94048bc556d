-- The ledger and the audit log are append-only: enforce it in the database, not only in code.
-- Same guards and messages as SQLite's db/migrations/0004_append_only_guards.sql.
CREATE FUNCTION "append_only_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_transfers_no_delete" BEFORE DELETE ON "ledger_transfers"
FOR EACH ROW EXECUTE FUNCTION "append_only_refuse"('ledger transfers are never deleted');
--> statement-breakpoint
CREATE TRIGGER "ledger_transfers_only_resolve" BEFORE UPDATE ON "ledger_transfers"
FOR EACH ROW WHEN (OLD.state <> 'pending' OR NEW.state NOT IN ('posted', 'voided')
  OR NEW.amount IS DISTINCT FROM OLD.amount OR NEW.debit_account_id IS DISTINCT FROM OLD.debit_account_id
  OR NEW.credit_account_id IS DISTINCT FROM OLD.credit_account_id OR NEW.currency IS DISTINCT FROM OLD.currency
  OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.reference IS DISTINCT FROM OLD.reference
  OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key)
EXECUTE FUNCTION "append_only_refuse"('a transfer only moves once from pending to posted or voided');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE ON "ledger_entries"
FOR EACH ROW EXECUTE FUNCTION "append_only_refuse"('ledger entries are never changed');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_delete" BEFORE DELETE ON "ledger_entries"
FOR EACH ROW EXECUTE FUNCTION "append_only_refuse"('ledger entries are never deleted');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
FOR EACH ROW EXECUTE FUNCTION "append_only_refuse"('the audit log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
FOR EACH ROW EXECUTE FUNCTION "append_only_refuse"('the audit log is append-only');
--> statement-breakpoint
-- TRUNCATE skips row triggers (SQLite has no TRUNCATE), so refuse it per statement.
CREATE TRIGGER "ledger_transfers_no_truncate" BEFORE TRUNCATE ON "ledger_transfers"
FOR EACH STATEMENT EXECUTE FUNCTION "append_only_refuse"('ledger transfers are never deleted');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
FOR EACH STATEMENT EXECUTE FUNCTION "append_only_refuse"('ledger entries are never deleted');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
FOR EACH STATEMENT EXECUTE FUNCTION "append_only_refuse"('the audit log is append-only');
