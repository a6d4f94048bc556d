CREATE TABLE `payment_page_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`payment_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `payment_pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_page_payments_payment_idx` ON `payment_page_payments` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_page_payments_page_idx` ON `payment_page_payments` (`page_id`,`id`);--> statement-breakpoint
CREATE TABLE `payment_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`api_key_id` integer NOT NULL,
	`buyer_id` integer,
	`price` integer NOT NULL,
	`paid_price` integer NOT NULL,
	`currency` text NOT NULL,
	`items` text NOT NULL,
	`conversation_id` text,
	`external_id` text,
	`payment_group` text NOT NULL,
	`callback_url` text NOT NULL,
	`payment_methods` text,
	`max_payments` integer,
	`expires_at` integer NOT NULL,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payment_pages_price_positive" CHECK("payment_pages"."paid_price" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_pages_token_idx` ON `payment_pages` (`token`);