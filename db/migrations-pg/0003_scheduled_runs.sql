CREATE TABLE "scheduled_runs" (
	"job" text NOT NULL,
	"day" text NOT NULL,
	"started_at" bigint NOT NULL,
	"started_by" text NOT NULL,
	CONSTRAINT "scheduled_runs_job_day_pk" PRIMARY KEY("job","day")
);
