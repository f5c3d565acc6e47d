import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText, syntaxErrorOffset } from './read';

describe('parseJsonText', () => {
  it('parses JSON, ignoring a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"version": 1}')).toEqual({ ok: true, value: { version: 1 } });
  });

  it.each([
    ['{\n  "version": 1\n  "partners": []\n}', 3, 3, "Expected ',' or '}' after property value"],
    ['{"a": x}', 1, 7, "Unexpected token 'x'"],
    ['{\n "a": 1,\n}', 3, 1, 'Expected double-quoted property name'],
    ['[1, 2', 1, 6, "Expected ',' or ']' after array element"],
    ['{"a": [1, ', 1, 11, 'Unexpected end of JSON input'],
    ['{"a": 1} x', 1, 10, 'Unexpected non-whitespace character after JSON'],
    ["{\n  \"name\": 'single'\n}", 2, 11, "Unexpected token '''"],
  ])('says where %j is broken', (text, line, column, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, message });
  });
});

describe('syntaxErrorOffset', () => {
  it('finds no error in any valid JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(syntaxErrorOffset(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeNull();
      }),
    );
  });

  it('finds an error wherever JSON.parse finds one', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', 'x', ':', '\n'), (value, cut, insert) => {
        const text = JSON.stringify(value);
        const at = cut % (text.length + 1);
        const broken = text.slice(0, at) + insert + text.slice(at + 1);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(syntaxErrorOffset(broken) === null).toBe(valid);
      }),
    );
  });
});
