CREATE TABLE `health_checks` (
	`id` integer PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	CONSTRAINT "health_checks_single_row" CHECK("health_checks"."id" = 1)
);
