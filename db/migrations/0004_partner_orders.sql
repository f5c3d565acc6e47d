ALTER TABLE `inventory_transactions` ADD `expiration_before` text;--> statement-breakpoint
ALTER TABLE `inventory_transactions` ADD `expiration_after` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_on` text;