/**
 * Imports a JSON file into DATABASE_PATH (docs/import-format.md).
 *
 *   npm run db:import -- FILE.json [--prune] [--check]
 *
 *   --prune   also delete the rows of the entity types present in the file that it does not list
 *   --check   validate only; write nothing
 *
 * Exit codes: 0 imported (or valid with --check); 1 the file is unreadable,
 * not JSON or invalid, or the import failed — nothing was written; 2 wrong
 * command line. Problems are printed one per line as `path: message`.
 */
import { readFileSync } from 'node:fs';
import { database } from '@/db/client';
import { formatSummary, importDocument } from '@/lib/import/apply';
import { parseJsonText } from '@/lib/import/read';
import { formatProblem, ImportValidationError, type ImportProblem } from '@/lib/import/problems';
import { validateImport } from '@/lib/import/validate';

const USAGE = 'usage: npm run db:import -- FILE.json [--prune] [--check]';

function fail(code: number, ...lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(code);
}

function printProblems(file: string, problems: ImportProblem[]): never {
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  fail(1, `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written.`);
}

async function main() {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const flags = new Set(args.filter((arg) => arg.startsWith('--')));
  const files = args.filter((arg) => !arg.startsWith('--'));
  for (const flag of flags) if (flag !== '--prune' && flag !== '--check') fail(2, `unknown option ${flag}`, USAGE);
  if (files.length !== 1) fail(2, USAGE);
  const file = files[0]!;
  const prune = flags.has('--prune');

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(1, `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    fail(1, parsed.line === null ? `${file}: not valid JSON: ${parsed.message}` : `${file}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.message}`);
  }
  const input = parsed.value;
  const db = database();

  if (flags.has('--check')) {
    const { problems } = (await validateImport(db, input, { prune }));
    if (problems.length > 0) printProblems(file, problems);
    console.log(`${file} is valid; nothing was written (--check).`);
    return;
  }

  const started = Date.now();
  let lastShown = -1;
  try {
    const summary = await importDocument(db, input, {
      prune,
      onProgress: (done, total) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        const shown = Math.floor(percent / 5) * 5;
        if (shown > lastShown && total >= 1000) {
          lastShown = shown;
          process.stderr.write(`import: ${shown}% (${done}/${total})\n`);
        }
      },
    });
    console.log(`Imported ${file}${prune ? ' (--prune)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    console.log(formatSummary(summary));
  } catch (error) {
    if (error instanceof ImportValidationError) printProblems(file, error.problems);
    fail(1, `${file}: the import failed and nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => fail(1, error instanceof Error ? (error.stack ?? error.message) : String(error)));
