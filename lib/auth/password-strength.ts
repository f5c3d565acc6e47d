/**
 * What a new password must be: at least 12 characters, and not one
 * that a maintained strength estimator (zxcvbn-ts with its common, English
 * and French dictionaries, plus the person's own name and e-mail) rates weak.
 * The dictionaries are loaded once, on first use, in the server only.
 */
import 'server-only';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's scale is 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  });
  return estimator;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'weak';

/** Why a new password is refused, or null when it will do. `personal` are the person's own words (name, e-mail). */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const words = personal.flatMap((text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 3);
  // Mostly the person's own name or e-mail (in any order, case or separator): weak, whatever the estimator says.
  let rest = password.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  for (const word of [...words].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(word, '');
  if (rest.length < MIN_PASSWORD_LENGTH / 2) return 'weak';
  return strength().check(password.slice(0, 256), words).score < MIN_PASSWORD_SCORE ? 'weak' : null;
}
