import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_SCHEMA_PATH, renderImportJsonSchema } from './json-schema';

describe('docs/import.schema.json', () => {
  it('is what scripts/generate-import-schema.ts generates from the zod schema (run it after changing lib/import/schema.ts)', () => {
    expect(readFileSync(IMPORT_SCHEMA_PATH, 'utf8')).toBe(renderImportJsonSchema());
  });

  it('describes the document: required version, strict entries, the entity lists', () => {
    const schema = JSON.parse(renderImportJsonSchema()) as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['version']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['partners', 'customers', 'agreements', 'productFamilies', 'products', 'packages', 'purchaseAccounts', 'licensePositions', 'subscriptions', 'orders', 'benefits', 'users']),
    );
  });
});
