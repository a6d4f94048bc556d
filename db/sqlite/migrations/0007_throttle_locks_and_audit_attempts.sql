CREATE TABLE `sign_in_locks` (
	`key` text PRIMARY KEY NOT NULL,
	`touched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_locks_touched_idx` ON `sign_in_locks` (`touched_at`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `attempt_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_attempt_idx` ON `audit_log` (`action`,`attempt_key`);