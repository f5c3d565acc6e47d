/**
 * Global set-up of the vitest project "postgres": one real PostgreSQL from
 * the npm registry (scripts/postgres/embedded.ts; as root it runs as
 * `nobody`), with a template database migrated once. Each test database is a
 * copy of the template (tests/helpers/db.ts); the server and everything in it
 * are removed at the end of the run.
 */
import { createServer } from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectionOf } from '@/db/handle';
import { closePostgres, openPostgres } from '@/db/postgres';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/postgres/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/postgres of the test server; test databases are created from TEMPLATE_DATABASE. */
    postgresUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'license_desk_template';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

let server: EmbeddedPostgres | undefined;

export async function setup(project: TestProject) {
  const started = Date.now();
  server = await startEmbeddedPostgres({ port: await freePort() });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = openPostgres(databaseUrl(server.url, TEMPLATE_DATABASE), { poolSize: 1 });
  const connection = connectionOf(template);
  if (connection.engine !== 'postgres') throw new Error('unreachable');
  await connection.ready();
  await closePostgres(connection);
  project.provide('postgresUrl', server.url);
  console.log(`[postgres] PostgreSQL started and the template migrated in ${Date.now() - started} ms (${server.url})`);
}

export async function teardown() {
  await server?.stop();
}
