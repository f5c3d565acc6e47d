import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { all, createTestDb } from '@/tests/helpers/db';
import { fastPasswordHash } from '@/tests/helpers/fixtures';
import { importDocument } from './apply';
import { validateImport } from './validate';

/** The JSON block of the "Example" section of docs/import-format.md. */
function exampleFromDocs(): unknown {
  const markdown = readFileSync('docs/import-format.md', 'utf8');
  const section = markdown.slice(markdown.indexOf('## Example'));
  const match = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!match) throw new Error('docs/import-format.md has no ```json block under ## Example');
  return JSON.parse(match[1]!);
}

describe('the example of docs/import-format.md', () => {
  it('is valid and imports, and importing it again changes nothing', async () => {
    const db = await createTestDb();
    const example = exampleFromDocs();
    expect((await validateImport(db, example)).problems).toEqual([]);
    const summary = await importDocument(db, example, { passwordHasher: fastPasswordHash, today: '2026-11-24' });
    expect(summary.purchaseAccounts.created).toBe(1);
    expect(summary.licensePositions.created).toBe(4);
    expect(summary.users.created).toBe(3);
    expect((await ledgerDiscrepancies(db))).toEqual([]);
    const again = await importDocument(db, example, { passwordHasher: fastPasswordHash, today: '2026-11-25' });
    expect(again.transactions.created).toBe(0);
    expect(again.users).toMatchObject({ created: 0, updated: 0 });
    // The user without a password waits for an invitation; e-mails are stored lower-cased.
    expect(await all(db, 'select email, password_hash is not null as has_password from users order by id')).toEqual([
      { email: 'nadia.tremblay@tailspin.example', has_password: 1 },
      { email: 'alex.morgan@tailspin.example', has_password: 0 },
      { email: 'olivier.dubois@northwind.example', has_password: 0 },
    ]);
  });
});
