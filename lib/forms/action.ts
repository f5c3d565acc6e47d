/**
 * The one shape of every server action behind a form: ask for the viewer,
 * read what was typed (kept to be shown again), parse it with zod, turn zod's
 * issues into a message beside each field, and hand the parsed form to the
 * action's own work — which calls a write function without Next.js in it and
 * turns its outcome into a redirect, a 404 or the form's state.
 *
 * Why the values travel in the state: after a server action, React resets an
 * uncontrolled form to its fields' default values. A field shows what was
 * typed after an error only if the state brings it back and the form renders
 * it as the field's default (and a drop-down, whose default React applies
 * only when it is created, is keyed by its value: components/SelectField.tsx).
 * Without JavaScript the page is rendered again from the same state.
 */
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { requireViewer } from '@/lib/auth/viewer';
import { idempotencyKeySchema } from './once';

/** What a form shows again: the values as typed, and the messages by the field's name in the form (`form`: above the form). */
export interface FormState<V> {
  values: V;
  errors: Record<string, string>;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** How zod's messages (catalogue keys) become the texts beside the fields. */
export interface FieldMessages {
  /** The catalogue namespace of the keys. */
  namespace: string;
  /** The keys a schema may name; any other message is the field's fallback (nothing else reaches the catalogue). */
  keys: readonly string[];
  /** The key said when zod's message is not one of ours. */
  fallback: (field: string) => string;
  /** Named values the messages may use (`{max}`…). */
  values?: Record<string, string | number>;
}

/** An issue's field: its name in the form, or null when it is no field a person fills in. */
export type FieldOf = (path: readonly PropertyKey[]) => string | null;

/**
 * The message of each field (the first issue of a field wins), or null when
 * an issue is on something no person typed (a hidden field, a forged key):
 * the form was not ours, and the caller answers 404.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], fieldOf: FieldOf, t: Translate, messages: FieldMessages): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const known = new Set(messages.keys);
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field === null) return null;
    errors[field] ??= t(known.has(issue.message) ? issue.message : messages.fallback(field), messages.values);
  }
  return errors;
}

interface Context<W, V, D> {
  viewer: W;
  data: D;
  values: V;
  formData: FormData;
  /** The idempotency key of a form applied once (lib/forms/once.ts); '' for the others. */
  key: string;
  /** The translator of `messages.namespace` or `namespace` (or of the whole catalogue). */
  t: Translate;
}

export interface FormActionSpec<W, V, S extends z.ZodType, R> {
  /** Who posts: `requireViewer` (a signed-out person is sent to sign in), a stricter check, or `publicForm` for the pages without a session. */
  viewer: (formData: FormData) => Promise<W>;
  /** What was typed, cut to a sane length: shown again in the fields. */
  values: (formData: FormData) => V;
  schema: S;
  /** What the schema reads (the values by default). */
  input?: (values: V, formData: FormData) => unknown;
  /** A form applied once: its `key` must be a well-formed key, or the post was not our form's (404). */
  once?: boolean;
  /**
   * Runs before the form is checked: a 404 for an account outside the grants (so that no field message tells it
   * apart from an unknown one), or an answer of its own (a row added without JavaScript).
   */
  before?: (context: Omit<Context<W, V, never>, 'data'>) => Promise<R | void> | R | void;
  /** Messages beside the fields; without them (and without `invalid`) an invalid form was not typed by a person (404). */
  messages?: FieldMessages;
  /** The catalogue namespace of the translator handed to `handle` when there are no `messages`. */
  namespace?: string;
  /** Which field an issue is about: by default the top-level key (an issue on `key` is no person's mistake). */
  fieldOf?: (path: readonly PropertyKey[], values: V) => string | null;
  /** The answer to a form to correct (by default the state `{ values, errors }`). */
  invalid?: (values: V, errors: Record<string, string>, t: Translate) => R | Promise<R>;
  /** The action's own work, with a parsed form. */
  handle: (context: Context<W, V, z.output<S>>) => Promise<R>;
}

/** The viewer of a form behind sign-in (a signed-out person is sent to sign in first). */
export const signedIn = () => requireViewer();

/** The viewer of a form open to everybody (sign-in, forgotten password, a link's token): none. */
export const publicForm = async (): Promise<null> => null;

/** Runs one post of a form through the steps above. */
export async function runForm<W, V, S extends z.ZodType, R>(spec: FormActionSpec<W, V, S, R>, formData: FormData): Promise<R> {
  const viewer = await spec.viewer(formData);
  const values = spec.values(formData);
  let key = '';
  if (spec.once) {
    const parsedKey = idempotencyKeySchema.safeParse(formData.get('key'));
    // A missing or forged key is not something a person typed: the form was not ours.
    if (!parsedKey.success) notFound();
    key = parsedKey.data;
  }
  const namespace = spec.messages?.namespace ?? spec.namespace;
  const t = (namespace ? await getTranslations(namespace) : await getTranslations()) as Translate;
  const early = await spec.before?.({ viewer, values, formData, key, t });
  if (early !== undefined) return early;
  const parsed = spec.schema.safeParse(spec.input ? spec.input(values, formData) : values);
  if (!parsed.success) {
    if (!spec.messages) {
      if (spec.invalid) return spec.invalid(values, {}, t);
      notFound();
    }
    const fieldOf: FieldOf = spec.fieldOf ? (path) => spec.fieldOf!(path, values) : (path) => (typeof path[0] === 'string' && path[0] !== 'key' ? path[0] : null);
    const errors = fieldErrors(parsed.error.issues, fieldOf, t, spec.messages);
    if (errors === null) notFound();
    return spec.invalid ? spec.invalid(values, errors, t) : ({ values, errors } as R);
  }
  return spec.handle({ viewer, data: parsed.data, values, formData, key, t });
}

/** A server action for `useActionState` (`(previous, formData) → state`). */
export function formAction<W, V, S extends z.ZodType, R>(spec: FormActionSpec<W, V, S, R>): (previous: R, formData: FormData) => Promise<R> {
  return (_previous, formData) => runForm(spec, formData);
}

/** A server action for a plain `<form action>` that always leads somewhere else (redirect or 404). */
export function plainFormAction<W, V, S extends z.ZodType>(spec: FormActionSpec<W, V, S, void>): (formData: FormData) => Promise<void> {
  return (formData) => runForm(spec, formData);
}

/** The outcomes every write applied once may give besides its own: where an earlier post led, or not the viewer's. */
export function settleOnce(outcome: { kind: 'repeat'; result: string } | { kind: 'not-found' }): never {
  if (outcome.kind === 'repeat') redirect(outcome.result);
  notFound();
}

/** A string field of a posted form, cut to `max` characters ('' when absent). */
export const typed = (formData: FormData, name: string, max: number) => String(formData.get(name) ?? '').slice(0, max);
