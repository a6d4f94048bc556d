CREATE TABLE `api_payment_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`item_index` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`transfer_id` integer NOT NULL,
	`conversation_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_id`) REFERENCES `ledger_transfers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_payment_refunds_payment_idx` ON `api_payment_refunds` (`payment_id`,`item_index`);