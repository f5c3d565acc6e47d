/**
 * Reading an import file: JSON with the position of a syntax error, so that
 * the command line can say where the file is broken.
 */

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; line: number | null; column: number | null };

/** Line and column (both 1-based) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON (a leading byte-order mark is ignored); on a syntax error, says why and where. */
export function parseJsonText(text: string): JsonParseResult {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : syntaxErrorOffset(source);
    // V8 quotes the whole text in some messages ("Unexpected token 'x', "{…" is not valid JSON"): keep the reason only.
    const reason = message
      .replace(/ at position \d+.*$/s, '')
      .replace(/ in JSON$/, '')
      .replace(/^(Unexpected token '.+?'), .*is not valid JSON$/s, '$1');
    if (offset === null) return { ok: false, message: reason, line: null, column: null };
    const { line, column } = lineAndColumn(source, offset);
    return { ok: false, message: reason, line, column };
  }
}

/**
 * Offset of the first JSON syntax error in `text` (its length when the text
 * ends too early), or null when it is valid: a strict scanner of the JSON
 * grammar, for the messages of JSON.parse that carry no position.
 */
export function syntaxErrorOffset(text: string): number | null {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const stop = (at = i): never => {
    throw new Stop(Math.min(at, text.length));
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) stop();
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') stop();
    i++;
    for (;;) {
      if (i >= text.length) stop();
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char.charCodeAt(0) < 0x20) stop();
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) stop(i + k);
          i += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else stop();
      } else i++;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) stop();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        if (text[i] !== ':') stop();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else stop();
      }
    } else if (char === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else stop();
      }
    } else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}
