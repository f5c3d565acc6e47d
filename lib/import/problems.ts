/**
 * What is wrong with an import file: a JSON path into the document
 * (`purchaseAccounts[3].agreement`) and a reason a person can act on.
 */
import type { z } from 'zod';

export interface ImportProblem {
  path: string;
  message: string;
}

/** Thrown by importDocument when the file is invalid; nothing was written. */
export class ImportValidationError extends Error {
  readonly problems: ImportProblem[];

  constructor(problems: ImportProblem[]) {
    super(
      `The import file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written.\n` +
        problems
          .slice(0, 20)
          .map((problem) => `  ${formatProblem(problem)}`)
          .join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
    );
    this.name = 'ImportValidationError';
    this.problems = problems;
  }
}

export function formatProblem(problem: ImportProblem): string {
  return `${problem.path || '(document)'}: ${problem.message}`;
}

/** `['purchaseAccounts', 3, 'agreement']` → `purchaseAccounts[3].agreement`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = String(segment);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? `${out ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const expectedNames: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** zod issues as problems with plain-language messages. */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const value = valueAt(input, issue.path);
        const expected = expectedNames[issue.expected] ?? issue.expected;
        problems.push({
          path,
          message: value === undefined ? `is required (${expected})` : `must be ${expected}, not ${describeType(value)}`,
        });
        break;
      }
      case 'unrecognized_keys':
        for (const name of issue.keys) {
          problems.push({ path: formatPath([...issue.path, name]), message: 'is not a field of this entry (check its spelling)' });
        }
        break;
      case 'invalid_value':
        problems.push({
          path,
          // A schema's own message says it better than the list of every accepted value (resource usage accepts names too).
          message: !issue.message.startsWith('Invalid ')
            ? issue.message
            : `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`,
        });
        break;
      case 'invalid_union':
        if ('discriminator' in issue && issue.discriminator) {
          const options = (issue as { options?: unknown[] }).options ?? [];
          problems.push({ path, message: `must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}` });
        } else problems.push({ path, message: issue.message });
        break;
      case 'too_big':
        problems.push({
          path,
          message:
            issue.origin === 'string'
              ? `is too long (at most ${String(issue.maximum)} characters)`
              : issue.origin === 'array'
                ? `has too many entries (at most ${String(issue.maximum)})`
                : `must be at most ${String(issue.maximum)}`,
        });
        break;
      case 'too_small':
        problems.push({
          path,
          message: !issue.message.startsWith('Too small')
            ? issue.message
            : issue.origin === 'string'
              ? Number(issue.minimum) <= 1
                ? 'must not be empty'
                : `is too short (at least ${String(issue.minimum)} characters)`
              : `must be at least ${String(issue.minimum)}`,
        });
        break;
      default:
        problems.push({ path, message: issue.message });
    }
  }
  // One problem per place: a value can fail several checks (an empty key is also badly formed).
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.path) && Boolean(seen.add(problem.path)));
}
