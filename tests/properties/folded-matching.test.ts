/**
 * Text matching is one rule (lib/search/): the application folds what is
 * stored and what is typed, and SQL compares them with plain LIKE patterns.
 * Property-based and bounded: over random texts of accented and unaccented
 * letters in both cases, digits and punctuation, the SQL matching of the
 * folded columns answers exactly what a plain JavaScript reference answers —
 * a reference that folds with a hand-written table of letters, not with the
 * application's own function.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { rows } from '@/db/statements';
import { foldForSearch } from '@/lib/search/normalize';
import { containsMatch, startsWithMatch, wordsMatch } from '@/lib/search/sql';
import { createTestDb, run } from '@/tests/helpers/db';
import { sql } from 'drizzle-orm';

const RUNS = { numRuns: 60, interruptAfterTimeLimit: 15_000 };

/** The letters of the test's texts and what a French or English reader takes each for. */
const LETTERS: Record<string, string> = {
  a: 'a', à: 'a', â: 'a', ä: 'a', A: 'a', À: 'a', Â: 'a',
  e: 'e', é: 'e', è: 'e', ê: 'e', ë: 'e', E: 'e', É: 'e', È: 'e', Ê: 'e',
  i: 'i', î: 'i', ï: 'i', I: 'i', Î: 'i',
  o: 'o', ô: 'o', ö: 'o', O: 'o', Ô: 'o',
  u: 'u', ù: 'u', û: 'u', ü: 'u', U: 'u', Ù: 'u',
  c: 'c', ç: 'c', C: 'c', Ç: 'c',
  n: 'n', ñ: 'n', N: 'n',
  t: 't', T: 't', b: 'b', B: 'b',
  '0': '0', '1': '1', '2': '2',
};
const SEPARATORS = [' ', '-', '_', '%', '.', '/', "'"];

/** The reference: each character through the table, anything else a separator; the words, in order. */
function referenceWords(text: string): string[] {
  return [...text]
    .map((char) => LETTERS[char] ?? ' ')
    .join('')
    .split(' ')
    .filter(Boolean);
}
const referenceWordsMatch = (text: string, query: string) => {
  const words = referenceWords(text);
  const terms = referenceWords(query).slice(0, 8);
  return terms.length > 0 && terms.every((term) => words.some((word) => word.startsWith(term)));
};
const referenceContains = (text: string, query: string) => {
  const terms = referenceWords(query);
  return terms.length > 0 && ` ${referenceWords(text).join(' ')} `.replace(/^ /, '').includes(terms.join(' '));
};
const referenceStartsWith = (text: string, query: string) => {
  const terms = referenceWords(query);
  return terms.length > 0 && referenceWords(text).join(' ').startsWith(terms.join(' '));
};

const char = fc.constantFrom(...Object.keys(LETTERS), ...SEPARATORS);
const text = fc.array(char, { maxLength: 24 }).map((chars) => chars.join(''));
/** A query: often a piece of one of the texts with its case and accents changed, sometimes anything. */
const recase = (piece: string, flips: boolean[]) =>
  [...piece]
    .map((c, index) => {
      if (!flips[index % Math.max(1, flips.length)]) return c;
      const twins = Object.keys(LETTERS).filter((other) => LETTERS[other] === LETTERS[c] && other !== c);
      return twins[index % Math.max(1, twins.length)] ?? c;
    })
    .join('');

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
  await run(db, 'create table folded_probe (id integer primary key, original text not null, search text not null)');
});

async function sqlMatches(texts: string[], condition: (column: ReturnType<typeof sql.raw>) => ReturnType<typeof wordsMatch>): Promise<boolean[]> {
  await run(db, 'delete from folded_probe');
  for (const [id, original] of texts.entries()) await run(db, 'insert into folded_probe (id, original, search) values (?, ?, ?)', id, original, foldForSearch(original));
  // Compiled as the portal compiles it, by the engine's dialect.
  const matching = new Set((await rows<{ id: number }>(db, sql`select id from folded_probe where ${condition(sql.raw('search'))}`)).map((row) => row.id));
  return texts.map((_, id) => matching.has(id));
}

describe('the SQL matching of folded columns agrees with a plain JavaScript reference', () => {
  const cases = fc.tuple(fc.array(text, { minLength: 1, maxLength: 8 }), fc.nat(7), fc.nat(24), fc.nat(24), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), fc.option(text));
  const queryOf = ([texts, which, from, length, flips, other]: [string[], number, number, number, boolean[], string | null]) => {
    if (other !== null && which % 3 === 0) return other;
    const source = texts[which % texts.length]!;
    return recase(source.slice(Math.min(from, source.length), Math.min(from, source.length) + length), flips);
  };

  it('words that start words (the inventory, names, products)', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        const query = queryOf(input);
        expect(await sqlMatches(input[0], (column) => wordsMatch(column, query))).toEqual(input[0].map((t) => referenceWordsMatch(t, query)));
      }),
      RUNS,
    );
  });

  it('text anywhere (the customer PO number)', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        const query = queryOf(input);
        expect(await sqlMatches(input[0], (column) => containsMatch(column, query))).toEqual(input[0].map((t) => referenceContains(t, query)));
      }),
      RUNS,
    );
  });

  it('text from its start (order numbers, product codes)', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        const query = queryOf(input);
        expect(await sqlMatches(input[0], (column) => startsWithMatch(column, query))).toEqual(input[0].map((t) => referenceStartsWith(t, query)));
      }),
      RUNS,
    );
  });

  it('the examples people type', async () => {
    for (const typed of ['BC-ÉTÉ', 'bc-été', 'bc ete', 'ÉTÉ-2026']) expect(await sqlMatches(['BC-ÉTÉ-2026', 'BC-ETA-2026'], (column) => containsMatch(column, typed)), typed).toEqual([true, false]);
    expect(await sqlMatches(['Montréal', 'Mont Royal'], (column) => wordsMatch(column, 'MONTREAL'))).toEqual([true, false]);
  });
});
