ALTER TABLE "orders" ADD COLUMN "total_minor" bigint;--> statement-breakpoint
-- Written by hand, as for SQLite: the totals of the orders already there (null when no item has a price).
UPDATE "orders" SET "total_minor" = (SELECT sum(i."quantity" * i."unit_price_minor") FROM "order_items" i WHERE i."order_id" = "orders"."id");
