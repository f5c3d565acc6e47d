/**
 * Writes docs/import.schema.json from the zod schema of the import document
 * (lib/import/schema.ts). With --check, writes nothing and exits 1 when the
 * committed file is out of date.
 *
 *   node scripts/bootstrap.mjs exec tsx scripts/generate-import-schema.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { IMPORT_SCHEMA_PATH, renderImportJsonSchema } from '@/lib/import/json-schema';

const expected = renderImportJsonSchema();
if (process.argv.includes('--check')) {
  const current = existsSync(IMPORT_SCHEMA_PATH) ? readFileSync(IMPORT_SCHEMA_PATH, 'utf8') : '';
  if (current !== expected) {
    console.error(`${IMPORT_SCHEMA_PATH} is out of date: run scripts/generate-import-schema.ts`);
    process.exit(1);
  }
  console.log(`${IMPORT_SCHEMA_PATH} is up to date.`);
} else {
  writeFileSync(IMPORT_SCHEMA_PATH, expected);
  console.log(`Wrote ${IMPORT_SCHEMA_PATH}.`);
}
