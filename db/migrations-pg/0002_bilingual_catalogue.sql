ALTER TABLE "inventory_lines" ADD COLUMN "edition_en" text;--> statement-breakpoint
ALTER TABLE "inventory_transactions" ADD COLUMN "note_en" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "edition_en" text;--> statement-breakpoint
ALTER TABLE "packages" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "product_families" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "software_assurance_benefits" ADD COLUMN "benefit_en" text;--> statement-breakpoint
-- Resource usage becomes a code of the fixed vocabulary (RESOURCE_USAGES), named by the catalogues; values that name none of it stay as written.
UPDATE "inventory_lines" SET "resource_usage" = CASE "resource_usage" WHEN 'Par appareil' THEN 'per_device' WHEN 'Par utilisateur' THEN 'per_user' WHEN 'Par cœur' THEN 'per_core' WHEN 'Par processeur' THEN 'per_processor' WHEN 'Par serveur' THEN 'per_server' WHEN 'Par abonnement' THEN 'per_subscription' END WHERE "resource_usage" IN ('Par appareil', 'Par utilisateur', 'Par cœur', 'Par processeur', 'Par serveur', 'Par abonnement');--> statement-breakpoint
-- Resource usage becomes a code of the fixed vocabulary (RESOURCE_USAGES), named by the catalogues; values that name none of it stay as written.
UPDATE "order_items" SET "resource_usage" = CASE "resource_usage" WHEN 'Par appareil' THEN 'per_device' WHEN 'Par utilisateur' THEN 'per_user' WHEN 'Par cœur' THEN 'per_core' WHEN 'Par processeur' THEN 'per_processor' WHEN 'Par serveur' THEN 'per_server' WHEN 'Par abonnement' THEN 'per_subscription' END WHERE "resource_usage" IN ('Par appareil', 'Par utilisateur', 'Par cœur', 'Par processeur', 'Par serveur', 'Par abonnement');
