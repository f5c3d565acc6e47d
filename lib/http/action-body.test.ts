import { describe, expect, it } from 'vitest';
import { carriesFormData, isActionBody, usesNoArguments } from './action-body';

/** A multipart body as React's client sends an action's arguments: root `0`, the form's fields prefixed `1_`. */
async function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = new Response(form);
  return { type: response.headers.get('content-type')!, body: new Uint8Array(await response.arrayBuffer()) };
}

const text = (value: string) => new TextEncoder().encode(value);

describe('carriesFormData', () => {
  it('accepts the arguments React sends for a form: its form data, after the previous state or alone', async () => {
    const alone = await multipart({ '0': '["$K1"]', '1_email': 'a@example.test' });
    expect(await carriesFormData(alone.type, alone.body)).toBe(true);
    const withState = await multipart({ '0': '[{"email":""},"$K1"]', '1_email': 'a@example.test' });
    expect(await carriesFormData(withState.type, withState.body)).toBe(true);
    const empty = await multipart({ '0': '["$K1"]' });
    expect(await carriesFormData(empty.type, empty.body)).toBe(true);
  });

  it('refuses anything else', async () => {
    expect(await carriesFormData('application/x-www-form-urlencoded', text('[]'))).toBe(false);
    expect(await carriesFormData('text/plain;charset=UTF-8', text('["$K1"]'))).toBe(false);
    expect(await carriesFormData('application/json', text('{"email":"x"}'))).toBe(false);
    expect(await carriesFormData(undefined, text('[]'))).toBe(false);
    expect(await carriesFormData('multipart/form-data; boundary=x', text('not multipart at all'))).toBe(false);
    for (const root of ['[]', '[1]', '["$K1", 2]', '{"0":"$K1"}', '"$K1"', 'not json', '[null, null, "$K1"]', '["$Kzz"]']) {
      const body = await multipart({ '0': root });
      expect(await carriesFormData(body.type, body.body), root).toBe(false);
    }
    const noRoot = await multipart({ '1_email': 'x' });
    expect(await carriesFormData(noRoot.type, noRoot.body)).toBe(false);
  });
});

describe('isActionBody', () => {
  it('lets an action that reads no arguments be called without any, and nothing else', async () => {
    expect(usesNoArguments('00af96f3fe3c9d8267b907ed90790b9b0b68462a01')).toBe(true);
    expect(usesNoArguments('60efebda177f65d3777e1617359e9d196c01b1a70c')).toBe(false);
    expect(usesNoArguments('zz')).toBe(false);
    expect(await isActionBody('00af96f3fe3c9d8267b907ed90790b9b0b68462a01', 'text/plain;charset=UTF-8', text('[]'))).toBe(true);
    expect(await isActionBody('00af96f3fe3c9d8267b907ed90790b9b0b68462a01', 'text/plain;charset=UTF-8', text('{"$":1}'))).toBe(false);
    expect(await isActionBody('60efebda177f65d3777e1617359e9d196c01b1a70c', 'text/plain;charset=UTF-8', text('[]'))).toBe(false);
    const form = await multipart({ '0': '["$K1"]' });
    expect(await isActionBody('60efebda177f65d3777e1617359e9d196c01b1a70c', form.type, form.body)).toBe(true);
  });
});
