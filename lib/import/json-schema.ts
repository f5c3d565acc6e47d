/**
 * docs/import.schema.json is generated from the zod schema of the import
 * document (scripts/generate-import-schema.ts); a test fails when the
 * committed file differs from what this produces.
 */
import { importJsonSchema } from './schema';

export const IMPORT_SCHEMA_PATH = 'docs/import.schema.json';

/** The exact text of docs/import.schema.json. */
export function renderImportJsonSchema(): string {
  return `${JSON.stringify(importJsonSchema(), null, 2)}\n`;
}
