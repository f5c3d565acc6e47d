/**
 * The French catalogue as a French reader writes it: "de" elided before a
 * name that may start with a vowel, a non-breaking space (U+00A0, never a
 * plain one, never U+202F) before : ; ? ! and inside « », one word for e-mail.
 */
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { elision } from './elision';
import { messages } from './messages';

function strings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, path ? `${path}.${key}` : key));
}

const french = strings(messages.fr);

/** The arguments that are numbers or dates: "de 5", "le 24/11/2026" need no elision. */
const NOT_A_NAME = new Set(['count', 'date', 'days', 'months', 'max', 'min', 'maxTerm', 'shown', 'total', 'ordered', 'available', 'limit', 'time', 'quantity', 'page', 'pages']);

describe('the French catalogue', () => {
  it('never writes "de" or "que" straight before an interpolated name (it elides: d\'Exchange)', () => {
    const offending = french.flatMap(({ path, text }) =>
      [...text.matchAll(/\b(?:de|que) \{(\w+)\}/gi)].filter((match) => !NOT_A_NAME.has(match[1]!)).map((match) => `${path}: …${match[0]}…`),
    );
    expect(offending).toEqual([]);
  });

  it('puts a non-breaking space before : ; ? ! and inside « », never a plain one', () => {
    const offending = french.flatMap(({ path, text }) => {
      // An ICU argument (`{count, plural, …}`) is syntax, not text; a URL's "https:" has no space before it.
      const bad = [...text.matchAll(/(?: [:;?!»])|(?:« )|\u202f/g)];
      return bad.map((match) => `${path}: ${JSON.stringify(text.slice(Math.max(0, match.index - 15), match.index + 5))}`);
    });
    expect(offending).toEqual([]);
  });

  it('keeps a non-breaking space where the signs are (nothing glued to the word before)', () => {
    const glued = french.flatMap(({ path, text }) => [...text.matchAll(/[\p{L}\p{N})}»][;?!»]/gu)].map((match) => `${path}: ${match[0]}`));
    expect(glued).toEqual([]);
  });

  it('says "e-mail", never "courriel"', () => {
    expect(french.filter(({ text }) => /courriel/i.test(text)).map(({ path }) => path)).toEqual([]);
  });
});

describe('elision', () => {
  it('elides before a vowel or a mute h, not before a consonant or a sounded y', () => {
    expect(['Exchange Online', 'Office 365 E5', 'Élodie', 'Azure', 'Intune', 'Hélène', 'Yvelines', '  Office'].map(elision)).toEqual(Array(8).fill('yes'));
    expect(['SQL Server', 'Windows Server', 'Dynamics 365', 'Yammer', 'Hongrie', '', null].map(elision)).toEqual(Array(7).fill('no'));
  });

  it('gives "d\'Exchange" and "de SQL Server" through the catalogue, and English is unchanged', () => {
    const fr = createTranslator({ locale: 'fr', messages: messages.fr });
    const en = createTranslator({ locale: 'en', messages: messages.en });
    const caption = (product: string) => fr('inventory.linesCaption', { product, elision: elision(product) });
    expect(caption('Exchange Online')).toBe("Lignes d'Exchange Online");
    expect(caption('Office 365 E5')).toBe("Lignes d'Office 365 E5");
    expect(caption('SQL Server')).toBe('Lignes de SQL Server');
    expect(fr('common.user.menu', { name: 'Élodie Petit', elision: elision('Élodie Petit') })).toBe("Menu d'Élodie Petit");
    expect(fr('common.user.menu', { name: 'Camille Martin', elision: elision('Camille Martin') })).toBe('Menu de Camille Martin');
    expect(en('inventory.linesCaption', { product: 'Exchange Online', elision: elision('Exchange Online') })).toBe('Lines of Exchange Online');
  });
});
