CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`name` text,
	`starts_on` text,
	`ends_on` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_number_unique` ON `agreements` (`number`);--> statement-breakpoint
CREATE INDEX `agreements_customer_idx` ON `agreements` (`customer_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` integer NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `calendar_feed_secrets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feed_secrets_hash_unique` ON `calendar_feed_secrets` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feed_secrets_user_idx` ON `calendar_feed_secrets` (`user_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`legal_name` text NOT NULL,
	`legal_name_search` text NOT NULL,
	`data_updated_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_number_unique` ON `customers` (`number`);--> statement-breakpoint
CREATE TABLE `grant_accounts` (
	`grant_id` integer NOT NULL,
	`purchase_account_id` integer NOT NULL,
	PRIMARY KEY(`grant_id`, `purchase_account_id`),
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`purchase_account_id`) REFERENCES `purchase_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grant_accounts_account_idx` ON `grant_accounts` (`purchase_account_id`);--> statement-breakpoint
CREATE TABLE `grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`customer_id` integer,
	`partner_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "grants_scope_check" CHECK(("grants"."role" in ('customer_admin', 'account_viewer') and "grants"."customer_id" is not null and "grants"."partner_id" is null)
       or ("grants"."role" = 'partner_user' and "grants"."partner_id" is not null and "grants"."customer_id" is null))
);
--> statement-breakpoint
CREATE INDEX `grants_user_idx` ON `grants` (`user_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`result` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `inventory_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`purchase_account_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`edition` text DEFAULT '' NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`resource_usage` text DEFAULT '' NOT NULL,
	`package_id` integer,
	`license_count` integer DEFAULT 0 NOT NULL,
	`sa_count` integer DEFAULT 0 NOT NULL,
	`available_count` integer DEFAULT 0 NOT NULL,
	`ordered_count` integer DEFAULT 0 NOT NULL,
	`next_expiration` text,
	`search` text DEFAULT '' NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`purchase_account_id`) REFERENCES `purchase_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inventory_lines_kind_check" CHECK("inventory_lines"."kind" in ('license', 'subscription'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_lines_license_key` ON `inventory_lines` (`purchase_account_id`,`product_id`,`edition`,`version`,`resource_usage`) WHERE kind = 'license' and package_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_lines_package_license_key` ON `inventory_lines` (`purchase_account_id`,`product_id`,`edition`,`version`,`resource_usage`,`package_id`) WHERE kind = 'license' and package_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_lines_subscription_key` ON `inventory_lines` (`purchase_account_id`,`product_id`) WHERE kind = 'subscription';--> statement-breakpoint
CREATE INDEX `inventory_lines_account_product_idx` ON `inventory_lines` (`purchase_account_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `inventory_lines_product_idx` ON `inventory_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `inventory_lines_expiration_idx` ON `inventory_lines` (`next_expiration`);--> statement-breakpoint
CREATE TABLE `inventory_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`kind` text NOT NULL,
	`license_delta` integer DEFAULT 0 NOT NULL,
	`sa_delta` integer DEFAULT 0 NOT NULL,
	`available_delta` integer DEFAULT 0 NOT NULL,
	`ordered_delta` integer DEFAULT 0 NOT NULL,
	`order_id` integer,
	`author_user_id` integer,
	`note` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `inventory_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inventory_transactions_kind_check" CHECK("inventory_transactions"."kind" in ('opening_balance', 'order', 'renewal', 'self_provisioning', 'cancellation', 'adjustment'))
);
--> statement-breakpoint
CREATE INDEX `inventory_transactions_line_idx` ON `inventory_transactions` (`line_id`,`occurred_on`,`id`);--> statement-breakpoint
CREATE INDEX `inventory_transactions_order_idx` ON `inventory_transactions` (`order_id`);--> statement-breakpoint
CREATE TABLE `notices_sent` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`threshold` text NOT NULL,
	`expires_on` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `inventory_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_sent_unique` ON `notices_sent` (`user_id`,`line_id`,`threshold`,`expires_on`);--> statement-breakpoint
CREATE TABLE `one_time_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_time_tokens_hash_unique` ON `one_time_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `one_time_tokens_user_idx` ON `one_time_tokens` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`position` integer NOT NULL,
	`product_id` integer NOT NULL,
	`edition` text DEFAULT '' NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`resource_usage` text DEFAULT '' NOT NULL,
	`quantity` integer NOT NULL,
	`with_software_assurance` integer DEFAULT false NOT NULL,
	`term_months` integer,
	`unit_price_minor` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_items_order_position_unique` ON `order_items` (`order_id`,`position`);--> statement-breakpoint
CREATE INDEX `order_items_product_idx` ON `order_items` (`product_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`ordered_on` text NOT NULL,
	`status` text NOT NULL,
	`partner_id` integer NOT NULL,
	`purchase_account_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`customer_po_number` text,
	`bill_to_name` text,
	`bill_to_address` text,
	`ship_to_name` text,
	`ship_to_address` text,
	`currency` text,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_account_id`) REFERENCES `purchase_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_status_check" CHECK("orders"."status" in ('submitted', 'processing', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_number_unique` ON `orders` (`number`);--> statement-breakpoint
CREATE INDEX `orders_account_date_idx` ON `orders` (`purchase_account_id`,`ordered_on`);--> statement-breakpoint
CREATE INDEX `orders_partner_date_idx` ON `orders` (`partner_id`,`ordered_on`);--> statement-breakpoint
CREATE TABLE `package_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`edition` text DEFAULT '' NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`quantity` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `package_items_unique` ON `package_items` (`package_id`,`product_id`,`edition`,`version`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_code_unique` ON `packages` (`code`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`contact_email` text,
	`contact_phone` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_code_unique` ON `partners` (`code`);--> statement-breakpoint
CREATE TABLE `product_families` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_families_code_unique` ON `product_families` (`code`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`family_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`management_url` text,
	`search` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `product_families`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "products_kind_check" CHECK("products"."kind" in ('license', 'online_service', 'developer_subscription', 'cloud_platform'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE INDEX `products_family_idx` ON `products` (`family_id`);--> statement-breakpoint
CREATE TABLE `purchase_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`name_search` text NOT NULL,
	`city` text NOT NULL,
	`country` text NOT NULL,
	`location_search` text NOT NULL,
	`customer_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_accounts_number_unique` ON `purchase_accounts` (`number`);--> statement-breakpoint
CREATE INDEX `purchase_accounts_customer_idx` ON `purchase_accounts` (`customer_id`,`number`);--> statement-breakpoint
CREATE INDEX `purchase_accounts_partner_idx` ON `purchase_accounts` (`partner_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `purchase_accounts_agreement_idx` ON `purchase_accounts` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip_address` text NOT NULL,
	`succeeded` integer NOT NULL,
	`attempted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_lookup_idx` ON `sign_in_attempts` (`email`,`ip_address`,`attempted_at`);--> statement-breakpoint
CREATE TABLE `software_assurance_benefits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purchase_account_id` integer NOT NULL,
	`benefit` text NOT NULL,
	`entitled` integer NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	`expires_on` text NOT NULL,
	FOREIGN KEY (`purchase_account_id`) REFERENCES `purchase_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sa_benefits_key` ON `software_assurance_benefits` (`purchase_account_id`,`benefit`,`expires_on`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`locale` text,
	`password_hash` text,
	`session_version` integer DEFAULT 1 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`receives_notices` integer DEFAULT true NOT NULL,
	`remembered_account_id` integer,
	`last_sign_in_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`remembered_account_id`) REFERENCES `purchase_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);