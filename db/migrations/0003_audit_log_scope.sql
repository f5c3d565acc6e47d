ALTER TABLE `audit_log` ADD `customer_id` integer REFERENCES customers(id);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `partner_id` integer REFERENCES partners(id);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `address` text;--> statement-breakpoint
CREATE INDEX `audit_log_customer_idx` ON `audit_log` (`customer_id`,`occurred_at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_partner_idx` ON `audit_log` (`partner_id`,`occurred_at`,`id`);