CREATE TABLE `api_request_nonces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`api_key_id` integer NOT NULL,
	`rnd_key` text NOT NULL,
	`signature` text NOT NULL,
	`seen_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_request_nonces_signature_idx` ON `api_request_nonces` (`api_key_id`,`signature`);--> statement-breakpoint
CREATE INDEX `api_request_nonces_expires_idx` ON `api_request_nonces` (`expires_at`);--> statement-breakpoint
ALTER TABLE `sign_in_failures` ADD `device_id` text;