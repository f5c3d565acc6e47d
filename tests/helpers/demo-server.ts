/**
 * A production server of its own on a fresh demo database, for what must not
 * disturb the main end-to-end server: the fault tests (tests/e2e/faults.spec.ts)
 * and the load check (scripts/load.ts). It starts the same way as the main
 * one (tests/e2e/server.ts) and stops as a process group (tsx, the server
 * script and the server it starts).
 */
import { spawn } from 'node:child_process';

export type DemoServer = { baseURL: string; databasePath: string; output: () => string; stop: () => Promise<void> };

export async function startDemoServer(options: { port: number; databasePath: string; env?: Record<string, string>; timeoutMs?: number }): Promise<DemoServer> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  let output = '';
  const child = spawn('tsx', ['--conditions=react-server', 'tests/e2e/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      DATABASE_PATH: options.databasePath,
      AUTH_SECRET: 'demo-server-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      APP_URL: baseURL,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on ${baseURL} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return { baseURL, databasePath: options.databasePath, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`the server did not answer on ${baseURL} in time:\n${output}`);
}
