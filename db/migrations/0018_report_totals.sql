ALTER TABLE `product_summaries` ADD `unpaid_line_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `product_summaries` ADD `unpaid_available` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `product_summaries` ADD `unpaid_ordered` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The unpaid totals of the summaries that exist, from their lines (written by the ledger and the import from now on).
UPDATE product_summaries SET
  unpaid_line_count = (SELECT count(*) FROM inventory_lines l JOIN purchase_accounts a ON a.id = l.purchase_account_id
    WHERE a.customer_id = product_summaries.customer_id AND a.partner_id = product_summaries.partner_id
      AND l.product_id = product_summaries.product_id AND coalesce(l.package_id, 0) = product_summaries.package_key
      AND l.kind = 'subscription' AND l.available_count > l.ordered_count),
  unpaid_available = (SELECT coalesce(sum(l.available_count), 0) FROM inventory_lines l JOIN purchase_accounts a ON a.id = l.purchase_account_id
    WHERE a.customer_id = product_summaries.customer_id AND a.partner_id = product_summaries.partner_id
      AND l.product_id = product_summaries.product_id AND coalesce(l.package_id, 0) = product_summaries.package_key
      AND l.kind = 'subscription' AND l.available_count > l.ordered_count),
  unpaid_ordered = (SELECT coalesce(sum(l.ordered_count), 0) FROM inventory_lines l JOIN purchase_accounts a ON a.id = l.purchase_account_id
    WHERE a.customer_id = product_summaries.customer_id AND a.partner_id = product_summaries.partner_id
      AND l.product_id = product_summaries.product_id AND coalesce(l.package_id, 0) = product_summaries.package_key
      AND l.kind = 'subscription' AND l.available_count > l.ordered_count);
