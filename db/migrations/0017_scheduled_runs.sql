CREATE TABLE `scheduled_runs` (
	`job` text NOT NULL,
	`day` text NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` text NOT NULL,
	PRIMARY KEY(`job`, `day`)
);
