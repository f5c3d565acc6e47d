CREATE TABLE `product_summaries` (
	`customer_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`package_key` integer NOT NULL,
	`line_count` integer NOT NULL,
	`license_count` integer NOT NULL,
	`sa_count` integer NOT NULL,
	`available_count` integer NOT NULL,
	`ordered_count` integer NOT NULL,
	`earliest_expiration` text,
	PRIMARY KEY(`customer_id`, `partner_id`, `product_id`, `package_key`)
);
--> statement-breakpoint
-- The summaries of what is already held (written by hand: drizzle-kit generates the table only).
INSERT INTO `product_summaries` (`customer_id`, `partner_id`, `product_id`, `package_key`, `line_count`, `license_count`, `sa_count`, `available_count`, `ordered_count`, `earliest_expiration`)
SELECT a.`customer_id`, a.`partner_id`, l.`product_id`, ifnull(l.`package_id`, 0), count(*), sum(l.`license_count`), sum(l.`sa_count`), sum(l.`available_count`), sum(l.`ordered_count`), min(l.`next_expiration`)
  FROM `inventory_lines` l JOIN `purchase_accounts` a ON a.`id` = l.`purchase_account_id`
 GROUP BY a.`customer_id`, a.`partner_id`, l.`product_id`, ifnull(l.`package_id`, 0);
