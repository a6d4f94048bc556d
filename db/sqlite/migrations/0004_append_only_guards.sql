-- The ledger and the audit log are append-only: enforce it in the database, not only in code.
CREATE TRIGGER `ledger_transfers_no_delete` BEFORE DELETE ON `ledger_transfers`
BEGIN SELECT RAISE(ABORT, 'ledger transfers are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_transfers_only_resolve` BEFORE UPDATE ON `ledger_transfers`
WHEN OLD.state <> 'pending' OR NEW.state NOT IN ('posted', 'voided')
  OR NEW.amount <> OLD.amount OR NEW.debit_account_id <> OLD.debit_account_id
  OR NEW.credit_account_id <> OLD.credit_account_id OR NEW.currency <> OLD.currency
  OR NEW.kind <> OLD.kind OR NEW.reference <> OLD.reference OR NEW.idempotency_key <> OLD.idempotency_key
BEGIN SELECT RAISE(ABORT, 'a transfer only moves once from pending to posted or voided'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
