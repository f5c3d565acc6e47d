CREATE TABLE `notice_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`status` text NOT NULL,
	`raw` text NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_messages_status_check" CHECK("notice_messages"."status" in ('sending', 'sent'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_messages_message_id_unique` ON `notice_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `notice_messages_status_idx` ON `notice_messages` (`status`,`claimed_at`);--> statement-breakpoint
-- notices_sent gains the message that announced each notice. Nothing wrote the table before this
-- migration (expiry e-mails did not exist), so it is recreated rather than altered: SQLite cannot add
-- a NOT NULL column without a default.
DROP TABLE `notices_sent`;--> statement-breakpoint
CREATE TABLE `notices_sent` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`threshold` text NOT NULL,
	`expires_on` text NOT NULL,
	`notice_message_id` integer NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `inventory_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_message_id`) REFERENCES `notice_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_sent_unique` ON `notices_sent` (`user_id`,`line_id`,`threshold`,`expires_on`);--> statement-breakpoint
CREATE INDEX `notices_sent_message_idx` ON `notices_sent` (`notice_message_id`);