DROP INDEX `orders_account_date_idx`;--> statement-breakpoint
ALTER TABLE `orders` ADD `customer_id` integer REFERENCES customers(id);--> statement-breakpoint
CREATE INDEX `orders_customer_date_idx` ON `orders` (`customer_id`,`ordered_on`,`number`);--> statement-breakpoint
CREATE INDEX `orders_account_date_idx` ON `orders` (`purchase_account_id`,`ordered_on`,`number`);--> statement-breakpoint
ALTER TABLE `purchase_accounts` ADD `order_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Written by hand: the figures of the orders already there.
UPDATE `orders` SET `customer_id` = (SELECT a.`customer_id` FROM `purchase_accounts` a WHERE a.`id` = `orders`.`purchase_account_id`);--> statement-breakpoint
UPDATE `purchase_accounts` SET `order_count` = (SELECT count(*) FROM `orders` o WHERE o.`purchase_account_id` = `purchase_accounts`.`id`);
