/**
 * Start-up refuses a database it cannot use: the real
 * start-up checks run in a child process (tests/helpers/start-up.ts), which
 * must exit non-zero with DATABASE_PATH named and the reason, instead of
 * serving errors or creating an empty database where nobody can sign in.
 *
 * File permissions do not bind root, so when the tests run as root the child
 * runs as `nobody` (the checks a real, unprivileged server would meet).
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '@/db/client';
import { runsScheduledWork, SERVER_PROCESS_VARIABLE } from './startup';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

let root: string;

/** A directory the child may use (owned by the child's user when it runs as nobody). */
function place(name: string, { writable = true } = {}): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  chmodSync(dir, writable ? 0o755 : 0o555);
  return dir;
}

function migratedDatabaseIn(dir: string): string {
  const path = join(dir, 'portal.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file) && asRoot) chownSync(file, NOBODY, NOBODY);
  return path;
}

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=react-server', 'tests/helpers/start-up.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: root,
        NODE_ENV: 'production',
        AUTH_SECRET: 'startup-test-secret-0123456789abcdefghijklmnop',
        APP_URL: 'https://licenses.example.com',
        ...env,
      },
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'license-desk-startup-'));
  chmodSync(root, 0o755);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('start-up with a bad DATABASE_PATH', () => {
  it('starts on a migrated, writable database', async () => {
    const path = migratedDatabaseIn(place('good'));
    const result = await start({ DATABASE_PATH: path });
    expect(result.output).toContain('start-up checks passed');
    expect(result.code).toBe(0);
  });

  it('refuses a read-only database file', async () => {
    const path = migratedDatabaseIn(place('read-only-file'));
    chmodSync(path, 0o444);
    const result = await start({ DATABASE_PATH: path });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`DATABASE_PATH=${path}`);
    expect(result.output).toMatch(/read-only/);
  });

  it('refuses a database in a read-only directory', async () => {
    const dir = place('read-only-dir');
    const path = migratedDatabaseIn(dir);
    chmodSync(dir, 0o555);
    const result = await start({ DATABASE_PATH: path });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`DATABASE_PATH=${path}`);
    expect(result.output).toMatch(/directory .* is not writable/);
  });

  it('refuses a directory that cannot be created', async () => {
    const blocker = join(place('blocked'), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const path = join(blocker, 'data', 'portal.db');
    const result = await start({ DATABASE_PATH: path, DATABASE_CREATE: '1' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`DATABASE_PATH=${path}`);
    expect(result.output).toMatch(/cannot be created/);
  });

  it('refuses to create a new, empty database in production', async () => {
    const path = join(place('missing'), 'portal.db');
    const result = await start({ DATABASE_PATH: path });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`DATABASE_PATH=${path}`);
    expect(result.output).toContain('DATABASE_CREATE=1');
    expect(existsSync(path)).toBe(false);
  });

  it('creates and migrates a new database when DATABASE_CREATE=1', async () => {
    const path = join(place('create'), 'portal.db');
    const result = await start({ DATABASE_PATH: path, DATABASE_CREATE: '1' });
    expect(result.output).toContain('start-up checks passed');
    expect(result.code).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});

describe('start-up with a bad DATABASE_URL', () => {
  /** A port nothing listens on (bound, then released). */
  async function closedPort(): Promise<number> {
    const { createServer } = await import('node:net');
    return new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  }

  it('refuses a PostgreSQL that cannot be reached, naming DATABASE_URL without its password', async () => {
    const port = await closedPort();
    const result = await start({ DATABASE_URL: `postgres://license:s3cret-pass@127.0.0.1:${port}/desk` });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`DATABASE_URL=postgres://license:***@127.0.0.1:${port}/desk`);
    expect(result.output).toMatch(/cannot be reached/);
    expect(result.output).toMatch(/ECONNREFUSED/);
    expect(result.output).not.toContain('s3cret-pass');
    expect(result.output).not.toContain('start-up checks passed');
  });

  it('refuses a connection string that is not PostgreSQL’s, saying what is expected', async () => {
    const result = await start({ DATABASE_URL: 'mysql://license@db.example/desk' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('DATABASE_URL');
    expect(result.output).toContain('postgres://');
    expect(result.output).not.toContain('start-up checks passed');
  });
});

describe('scheduled work with several server processes', () => {
  it('runs in a single server process, and of several in the first only', () => {
    expect(runsScheduledWork({})).toBe(true);
    expect(runsScheduledWork({ [SERVER_PROCESS_VARIABLE]: '1' })).toBe(true);
    expect(runsScheduledWork({ [SERVER_PROCESS_VARIABLE]: '2' })).toBe(false);
    expect(runsScheduledWork({ [SERVER_PROCESS_VARIABLE]: '16' })).toBe(false);
  });
});
