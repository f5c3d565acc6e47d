/**
 * A production server of its own on a fresh demo database, for what must not
 * disturb the main end-to-end server: the fault tests (tests/e2e/faults.spec.ts)
 * and the load check (scripts/load.ts). It starts the same way as the main
 * one (tests/e2e/server.ts) and stops as a process group (tsx, the server
 * script and the server processes it starts).
 *
 * startServer() is the same start and stop for any server script on an
 * existing database (the bench: scripts/serve.ts on its own data).
 */
import { spawn } from 'node:child_process';

/** `pid`: the process group of the server (its script and every process it starts). */
export type DemoServer = { baseURL: string; databasePath: string; pid: number; output: () => string; stop: () => Promise<void> };

export interface ServerOptions {
  port: number;
  databasePath: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** The script tsx runs (default tests/e2e/server.ts: a fresh demo database, then scripts/serve.ts). */
  script?: string;
  /** Extra arguments for it. */
  args?: string[];
  /** Resolve packages with the react-server condition (the scripts that import lib/ do; scripts/serve.ts itself must not). */
  reactServer?: boolean;
  /** Run it with a lower CPU priority (`nice -n N`). */
  nice?: number;
  /** An address that answers 200 once the server is up (default /api/health). */
  readyPath?: string;
}

/** Starts `tsx [--conditions=react-server] SCRIPT` in a process group of its own and waits until it answers. */
export async function startServer(options: ServerOptions): Promise<DemoServer> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  let output = '';
  const command = ['tsx', ...(options.reactServer === false ? [] : ['--conditions=react-server']), options.script ?? 'tests/e2e/server.ts', ...(options.args ?? [])];
  if (options.nice) command.unshift('nice', '-n', String(options.nice));
  const child = spawn(command[0]!, command.slice(1), {
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
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on ${baseURL} exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}${options.readyPath ?? '/api/health'}`)).ok) return { baseURL, databasePath: options.databasePath, pid: child.pid!, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`the server did not answer on ${baseURL} in time:\n${output}`);
}

export function startDemoServer(options: { port: number; databasePath: string; env?: Record<string, string>; timeoutMs?: number }): Promise<DemoServer> {
  return startServer(options);
}
