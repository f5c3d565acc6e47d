/**
 * The command line (scripts/import.ts) as people use it: exit codes and
 * output. Each case starts a process (about a second).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '@/tests/helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'license-desk-cli-'));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/import.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: join(dir, 'cli.db'), LICENSE_DESK_TEST_TODAY: '2026-11-24' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run db:import', () => {
  it('prints every problem as path: message and exits 1, writing nothing', () => {
    const doc = fixtureDocument();
    doc.users = [];
    doc.purchaseAccounts![0]!.agreement = '7600009';
    doc.licensePositions![0]!.licenseCount = 1;
    const result = run(file('invalid.json', JSON.stringify(doc)));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('purchaseAccounts[0].agreement: agreement "7600009" is not in this file nor in the database\n');
    expect(result.stderr).toContain('licensePositions[0]: licenseCount is 1 but its transactions add up to 35\n');
    expect(result.stderr).toMatch(/invalid\.json: 2 problems; nothing was written\.\n$/);
  }, 30_000);

  it('says where a file is not JSON, and exits 1; 2 for a wrong command line', () => {
    const broken = run(file('broken.json', '{\n  "version": 1,\n  "partners": [}\n}'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json:3:16: not valid JSON: /);
    expect(run(join(dir, 'missing.json'))).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot be read') });
    expect(run()).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
    expect(run('a.json', '--force')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --force') });
  }, 30_000);

  it('imports a valid file and prints the summary; --check writes nothing', () => {
    const doc = fixtureDocument();
    doc.users = []; // no password hashing in this process
    const path = file('valid.json', JSON.stringify(doc));
    const check = run(path, '--check');
    expect(check).toMatchObject({ code: 0, stdout: expect.stringContaining('is valid; nothing was written') });
    const imported = run(path);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/purchaseAccounts\s+5 created, 0 updated, 0 unchanged/);
    const again = run(path);
    expect(again.stdout).toMatch(/purchaseAccounts\s+0 created, 0 updated, 5 unchanged/);
    expect(again.stdout).toMatch(/transactions\s+0 recorded/);
  }, 30_000);
});
