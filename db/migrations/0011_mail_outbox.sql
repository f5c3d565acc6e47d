CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`recipient` text NOT NULL,
	`message_id` text NOT NULL,
	`content` text,
	`raw` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`discard_after` integer,
	`claimed_by` text,
	`claimed_at` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mail_outbox_status_check" CHECK("mail_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_message_id_unique` ON `mail_outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_user_idx` ON `mail_outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `worker_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
-- The notices' own messages become the outbox's first rows, with the same ids, so that notices_sent
-- (rebuilt below to refer to mail_outbox) keeps pointing at the e-mail that announced each notice.
-- A message left `sending` is `pending`: the outbox sends it again, as it was.
INSERT INTO `mail_outbox` (`id`, `kind`, `user_id`, `recipient`, `message_id`, `content`, `raw`, `status`, `attempts`, `next_attempt_at`, `claimed_by`, `claimed_at`, `last_error`, `created_at`, `sent_at`)
SELECT m.`id`, 'notice', m.`user_id`, u.`email`, m.`message_id`, NULL, m.`raw`, CASE m.`status` WHEN 'sent' THEN 'sent' ELSE 'pending' END, m.`attempts`, m.`created_at`, m.`claimed_by`, m.`claimed_at`, m.`last_error`, m.`created_at`, m.`sent_at`
FROM `notice_messages` m JOIN `users` u ON u.`id` = m.`user_id`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notices_sent` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`threshold` text NOT NULL,
	`expires_on` text NOT NULL,
	`notice_message_id` integer NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `inventory_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_message_id`) REFERENCES `mail_outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_notices_sent`("id", "user_id", "line_id", "threshold", "expires_on", "notice_message_id", "sent_at") SELECT "id", "user_id", "line_id", "threshold", "expires_on", "notice_message_id", "sent_at" FROM `notices_sent`;--> statement-breakpoint
DROP TABLE `notices_sent`;--> statement-breakpoint
ALTER TABLE `__new_notices_sent` RENAME TO `notices_sent`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `notices_sent_unique` ON `notices_sent` (`user_id`,`line_id`,`threshold`,`expires_on`);--> statement-breakpoint
CREATE INDEX `notices_sent_message_idx` ON `notices_sent` (`notice_message_id`);