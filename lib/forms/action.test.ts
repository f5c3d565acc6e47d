import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

// What Next.js does is replaced by throws the test can see: a 404 and a redirect end the action.
vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
}));
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => (key: string, values?: Record<string, unknown>) => `${namespace}.${key}${values ? JSON.stringify(values) : ''}`,
}));
vi.mock('@/lib/auth/viewer', () => ({ requireViewer: async () => ({ userId: 1 }) }));

const { fieldErrors, formAction, settleOnce } = await import('./action');

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

const schema = z.object({
  account: z.string().trim().min(1, 'accountRequired'),
  quantity: z.string().regex(/^\d+$/, 'quantityWhole'),
});

describe('fieldErrors', () => {
  const messages = { namespace: 'x', keys: ['accountRequired', 'quantityWhole'], fallback: (field: string) => `${field}Fallback` };
  const t = (key: string) => `T(${key})`;
  const byTopLevel = (path: readonly PropertyKey[]) => (typeof path[0] === 'string' && path[0] !== 'key' ? path[0] : null);

  it('says the first message of each field, through the catalogue, and only our own keys', () => {
    const issues = [
      { code: 'custom', path: ['account'], message: 'accountRequired', input: '' },
      { code: 'custom', path: ['account'], message: 'quantityWhole', input: '' },
      { code: 'custom', path: ['quantity'], message: 'Invalid input: expected string', input: 3 },
    ] as z.core.$ZodIssue[];
    expect(fieldErrors(issues, byTopLevel, t, messages)).toEqual({ account: 'T(accountRequired)', quantity: 'T(quantityFallback)' });
  });

  it('answers null when an issue is on something no person typed (the form was not ours)', () => {
    const issues = [{ code: 'custom', path: ['key'], message: 'x', input: '' }] as z.core.$ZodIssue[];
    expect(fieldErrors(issues, byTopLevel, t, messages)).toBeNull();
  });
});

describe('formAction', () => {
  let handled: unknown[];
  beforeEach(() => {
    handled = [];
  });
  const action = formAction({
    viewer: async () => ({ userId: 7 }),
    values: (formData) => ({ account: String(formData.get('account') ?? ''), quantity: String(formData.get('quantity') ?? '') }),
    schema,
    once: true,
    messages: { namespace: 'ns', keys: ['accountRequired', 'quantityWhole'], fallback: () => 'quantityWhole' },
    handle: async ({ viewer, data, key }) => {
      handled.push({ viewer, data, key });
      return { values: { account: '', quantity: '' }, errors: {} };
    },
  });
  const initial = { values: { account: '', quantity: '' }, errors: {} };
  const KEY = 'a'.repeat(32);

  it('gives back every value typed with the message beside each field, and does not run the work', async () => {
    const state = await action(initial, form({ key: KEY, account: '5100203', quantity: '' }));
    expect(state).toEqual({ values: { account: '5100203', quantity: '' }, errors: { quantity: 'ns.quantityWhole' } });
    expect(handled).toEqual([]);
  });

  it('runs the work with the parsed form, the viewer and the key', async () => {
    await action(initial, form({ key: KEY, account: ' 5100203 ', quantity: '3' }));
    expect(handled).toEqual([{ viewer: { userId: 7 }, data: { account: '5100203', quantity: '3' }, key: KEY }]);
  });

  it('is a 404 for a form applied once without a well-formed key, before anything is checked', async () => {
    await expect(action(initial, form({ account: '', quantity: '' }))).rejects.toThrow('NOT_FOUND');
    await expect(action(initial, form({ key: 'forged', account: '1', quantity: '1' }))).rejects.toThrow('NOT_FOUND');
    expect(handled).toEqual([]);
  });

  it('is a 404 for a form without messages that does not parse (nothing a person typed)', async () => {
    const hidden = formAction({ viewer: async () => null, values: (formData) => ({ user: formData.get('user') }), schema: z.object({ user: z.coerce.number().int().positive() }), handle: async () => 'done' });
    await expect(hidden('', form({ user: 'x' }))).rejects.toThrow('NOT_FOUND');
    await expect(hidden('', form({ user: '4' }))).resolves.toBe('done');
  });

  it('answers before checking when `before` gives an answer', async () => {
    const early = formAction({
      viewer: async () => null,
      values: () => ({ account: '', quantity: '' }),
      schema,
      messages: { namespace: 'ns', keys: [], fallback: () => 'x' },
      before: ({ formData }) => (formData.get('intent') === 'add' ? { values: { account: 'added', quantity: '' }, errors: {} } : undefined),
      handle: async () => ({ values: { account: 'handled', quantity: '' }, errors: {} }),
    });
    expect((await early(initial, form({ intent: 'add' })))?.values.account).toBe('added');
  });
});

describe('settleOnce', () => {
  it('sends a repeated post where the first one led, and anything else to 404', () => {
    expect(() => settleOnce({ kind: 'repeat', result: '/orders/1' })).toThrow('REDIRECT /orders/1');
    expect(() => settleOnce({ kind: 'not-found' })).toThrow('NOT_FOUND');
  });
});
