/**
 * A second production server of its own for the tests that break or load its
 * database (tests/e2e/faults.spec.ts): the same start as the main end-to-end
 * server (tests/e2e/server.ts, fresh demo database) on E2E_AUX_PORT (default
 * E2E_PORT + 10), with a database file of its own under data/. Tests using it
 * run serially in one file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_TODAY } from '../../playwright.config';

export const AUX_PORT = Number(process.env.E2E_AUX_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 10);

export type AuxServer = { baseURL: string; databasePath: string; output: () => string; stop: () => Promise<void> };

export async function startAuxServer(name: string): Promise<AuxServer> {
  const baseURL = `http://127.0.0.1:${AUX_PORT}`;
  const databasePath = `data/e2e-${name}.db`;
  let output = '';
  const child: ChildProcess = spawn('tsx', ['--conditions=react-server', 'tests/e2e/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(AUX_PORT),
      DATABASE_PATH: databasePath,
      AUTH_SECRET: 'e2e-aux-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      APP_URL: baseURL,
      APP_TIME_ZONE: 'UTC',
      LICENSE_DESK_TEST_TODAY: TEST_TODAY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The whole group: tsx, the server script and the server it starts.
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the auxiliary server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return { baseURL, databasePath, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`the auxiliary server did not answer on ${baseURL} within 90 s:\n${output}`);
}
