CREATE TABLE `password_reset_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`address` text,
	`requested_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `password_reset_requests_requested_idx` ON `password_reset_requests` (`requested_at`);