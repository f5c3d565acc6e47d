ALTER TABLE `agreements` ADD `search` text;--> statement-breakpoint
CREATE INDEX `agreements_unfolded_idx` ON `agreements` (`id`) WHERE search is null;--> statement-breakpoint
ALTER TABLE `orders` ADD `number_search` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `customer_po_search` text;--> statement-breakpoint
CREATE INDEX `orders_unfolded_idx` ON `orders` (`id`) WHERE number_search is null;--> statement-breakpoint
ALTER TABLE `products` ADD `code_search` text;--> statement-breakpoint
CREATE INDEX `products_code_search_idx` ON `products` (`code_search`);--> statement-breakpoint
ALTER TABLE `users` ADD `name_search` text;--> statement-breakpoint
CREATE INDEX `users_unfolded_idx` ON `users` (`id`) WHERE name_search is null;