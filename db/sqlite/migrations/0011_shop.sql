-- The shop (issue 16): categories, stock, tax, delivery addresses, shipping methods, order events,
-- credit notes. Tables whose columns change are rebuilt (db/migrate.ts runs this with foreign keys
-- off and checks them after); the copies take only the columns the old tables had. Lines and totals
-- from before tax existed are all net.
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_slug_unique` ON `categories` (`slug`);--> statement-breakpoint
CREATE TABLE `addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`address` text NOT NULL,
	`city` text NOT NULL,
	`postal_code` text NOT NULL,
	`country` text NOT NULL,
	`phone` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `addresses_user_idx` ON `addresses` (`user_id`,`last_used_at`);--> statement-breakpoint
CREATE TABLE `shipping_methods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`price_minor` integer NOT NULL,
	`free_above_minor` integer,
	`currency` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_id` integer,
	`tracking_number` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`image` text,
	`active` integer DEFAULT true NOT NULL,
	`category_id` integer,
	`stock` integer,
	`tax_rate_bp` integer,
	`search_key` text DEFAULT '' NOT NULL,
	`archived_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "products_stock_not_negative" CHECK("__new_products"."stock" IS NULL OR "__new_products"."stock" >= 0),
	CONSTRAINT "products_tax_rate_bounds" CHECK("__new_products"."tax_rate_bp" IS NULL OR ("__new_products"."tax_rate_bp" >= 0 AND "__new_products"."tax_rate_bp" <= 10000))
);
--> statement-breakpoint
INSERT INTO `__new_products`("id", "slug", "name", "description", "price_minor", "currency", "image", "active") SELECT "id", "slug", "name", "description", "price_minor", "currency", "image", "active" FROM `products`;--> statement-breakpoint
DROP TABLE `products`;--> statement-breakpoint
ALTER TABLE `__new_products` RENAME TO `products`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `products_slug_unique` ON `products` (`slug`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`);--> statement-breakpoint
CREATE TABLE `__new_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`kind` text DEFAULT 'product' NOT NULL,
	`product_id` integer,
	`name` text NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`quantity` integer NOT NULL,
	`amount` integer NOT NULL,
	`tax_rate_bp` integer DEFAULT 0 NOT NULL,
	`amount_net` integer DEFAULT 0 NOT NULL,
	`amount_tax` integer DEFAULT 0 NOT NULL,
	`stock_reserved` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_order_lines`("id", "order_id", "product_id", "name", "unit_price_minor", "quantity", "amount") SELECT "id", "order_id", "product_id", "name", "unit_price_minor", "quantity", "amount" FROM `order_lines`;--> statement-breakpoint
DROP TABLE `order_lines`;--> statement-breakpoint
ALTER TABLE `__new_order_lines` RENAME TO `order_lines`;--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `amount_net` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `amount_tax` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `amount_shipping` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `prices_include_tax` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_method_id` integer REFERENCES shipping_methods(id);--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_name` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_address` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_city` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_postal_code` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_country` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_phone` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tracking_number` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipped_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `canceled_at` integer;--> statement-breakpoint
CREATE INDEX `orders_state_idx` ON `orders` (`state`,`created_at`);--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `kind` text DEFAULT 'product' NOT NULL;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `tax_rate_bp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `amount_net` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `amount_tax` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`user_id` integer NOT NULL,
	`order_id` integer,
	`amount_total` integer NOT NULL,
	`amount_residual` integer NOT NULL,
	`currency` text NOT NULL,
	`payment_state` text NOT NULL,
	`invoice_date` integer NOT NULL,
	`due_date` integer NOT NULL,
	`created_by` integer,
	`kind` text DEFAULT 'invoice' NOT NULL,
	`credited_invoice_id` integer,
	`amount_credited` integer DEFAULT 0 NOT NULL,
	`amount_net` integer DEFAULT 0 NOT NULL,
	`amount_tax` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credited_invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoices_credited_bounds" CHECK("__new_invoices"."amount_credited" >= 0 AND "__new_invoices"."amount_credited" <= "__new_invoices"."amount_total"),
	CONSTRAINT "invoices_residual_bounds" CHECK("__new_invoices"."amount_residual" >= 0 AND "__new_invoices"."amount_residual" <= "__new_invoices"."amount_total")
);
--> statement-breakpoint
INSERT INTO `__new_invoices`("id", "number", "user_id", "order_id", "amount_total", "amount_residual", "currency", "payment_state", "invoice_date", "due_date", "created_by") SELECT "id", "number", "user_id", "order_id", "amount_total", "amount_residual", "currency", "payment_state", "invoice_date", "due_date", "created_by" FROM `invoices`;--> statement-breakpoint
DROP TABLE `invoices`;--> statement-breakpoint
ALTER TABLE `__new_invoices` RENAME TO `invoices`;--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_unique` ON `invoices` (`number`);--> statement-breakpoint
CREATE INDEX `invoices_user_idx` ON `invoices` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_order_idx` ON `invoices` (`order_id`);--> statement-breakpoint
CREATE INDEX `invoices_credited_idx` ON `invoices` (`credited_invoice_id`);--> statement-breakpoint
UPDATE `order_lines` SET `amount_net` = `amount`;--> statement-breakpoint
UPDATE `orders` SET `amount_net` = `amount_total`;--> statement-breakpoint
UPDATE `invoice_lines` SET `amount_net` = `amount`;--> statement-breakpoint
UPDATE `invoices` SET `amount_net` = `amount_total`;
