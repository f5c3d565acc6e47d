#!/usr/bin/env node
// The single entry point behind every npm script. It runs under whatever Node
// the machine has (Node 20 on a fresh Debian 12), and makes sure that
//   1. a Node.js 24 runs the project (fetched from the npm registry into the
//      ignored `.tools/` folder when the running Node is older),
//   2. the dependencies in package-lock.json are installed, and
//   3. the requested task (demo, test, or any project binary) runs under it.
// It is deliberately dependency-free: nothing is installed when it starts.
//
//   node scripts/bootstrap.mjs demo          install, migrate, seed, build, serve
//   node scripts/bootstrap.mjs test          every check CI runs
//   node scripts/bootstrap.mjs build         next build, unless the build is up to date
//   node scripts/bootstrap.mjs exec CMD ...  run a binary of node_modules/.bin
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_VERSION = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);
const TOOLS = join(ROOT, '.tools');

function log(message) {
  process.stderr.write(`[license-desk] ${message}\n`);
}

function fail(message) {
  log(`error: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) fail(`could not start ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

/** Path of npm's CLI script, so that it can be run by any node binary. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/share/nodejs/npm/bin/npm-cli.js',
  ].filter(Boolean);
  const found = candidates.find((candidate) => candidate.endsWith('.js') && existsSync(candidate));
  if (!found) fail('npm was not found; install Node.js with npm first.');
  return found;
}

/** Returns the directory of a Node.js 24 (bin/node and include/node inside). */
function ensureNode() {
  const runningMajor = Number(process.versions.node.split('.')[0]);
  if (runningMajor === NODE_MAJOR) return { nodeBin: process.execPath, nodeDir: null };

  const pkg = `node-${process.platform}-${process.arch}`;
  const nodeDir = join(TOOLS, 'node', 'node_modules', pkg);
  const nodeBin = join(nodeDir, 'bin', 'node');
  const installed = existsSync(nodeBin) && spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${NODE_VERSION}`;
  if (!installed) {
    log(`Node.js ${process.versions.node} is running; fetching Node.js ${NODE_VERSION} (${pkg}) from the npm registry into .tools/ ...`);
    mkdirSync(join(TOOLS, 'node'), { recursive: true });
    writeFileSync(join(TOOLS, 'node', 'package.json'), '{"private":true}\n');
    const status = run(process.execPath, [npmCli(), 'install', '--no-save', '--no-package-lock', '--ignore-scripts', '--engine-strict=false', `${pkg}@${NODE_VERSION}`], {
      cwd: join(TOOLS, 'node'),
    });
    if (status !== 0 || !existsSync(nodeBin)) fail(`could not install ${pkg}@${NODE_VERSION} from the npm registry.`);
  }
  return { nodeBin, nodeDir };
}

function childEnv({ nodeBin, nodeDir }) {
  const env = { ...process.env };
  env.PATH = [join(ROOT, 'node_modules', '.bin'), dirname(nodeBin), env.PATH].join(':');
  // Native addons must build against the headers of the Node that runs them,
  // never download headers (the machine only reaches the npm registry).
  if (nodeDir) env.npm_config_nodedir = nodeDir;
  env.NEXT_TELEMETRY_DISABLED = '1';
  return env;
}

function hashOf(paths) {
  const hash = createHash('sha256');
  for (const path of paths) if (existsSync(path)) hash.update(readFileSync(path));
  return hash.digest('hex');
}

/** npm install, only when package.json or the lockfile changed since the last one. */
function ensureDependencies(runtime) {
  const stamp = join(ROOT, 'node_modules', '.license-desk-install');
  const want = `${NODE_VERSION}:${hashOf([join(ROOT, 'package.json'), join(ROOT, 'package-lock.json')])}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('installing dependencies (npm install) ...');
  const status = run(runtime.nodeBin, [npmCli(), 'install', '--no-audit', '--no-fund'], { env: childEnv(runtime) });
  if (status !== 0) fail('npm install failed.');
  writeFileSync(stamp, `${NODE_VERSION}:${hashOf([join(ROOT, 'package.json'), join(ROOT, 'package-lock.json')])}`);
}

/** Walks the files a production build depends on, for a cheap "is the build stale" check. */
function sourceFingerprint() {
  const hash = createHash('sha256');
  const roots = ['app', 'components', 'db', 'lib', 'public', 'messages', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];
  const walk = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else {
      hash.update(path);
      hash.update(readFileSync(path));
    }
  };
  for (const root of roots) walk(join(ROOT, root));
  return hash.digest('hex');
}

/** next build, unless the last build was made from exactly these sources. */
function ensureBuild(runtime, extraEnv = {}) {
  const stamp = join(ROOT, '.next', 'license-desk-source');
  const fingerprint = sourceFingerprint();
  if (existsSync(join(ROOT, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    log('production build is up to date.');
    return;
  }
  log('building (next build) ...');
  const started = Date.now();
  const status = run(join(ROOT, 'node_modules', '.bin', 'next'), ['build'], { env: { ...childEnv(runtime), ...extraEnv } });
  if (status !== 0) fail('next build failed.');
  writeFileSync(stamp, fingerprint);
  log(`build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Debian's Chromium for the end-to-end tests; CHROMIUM_PATH overrides. */
function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${wanted} does not exist.`);
  const canInstall = typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) fail('Chromium is missing: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.');
  log('installing Chromium from Debian packages (apt-get install -y chromium) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) fail('apt-get update failed.');
  if (run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0) fail('apt-get install chromium failed.');
  if (!existsSync(wanted)) fail('Chromium was installed but /usr/bin/chromium is missing.');
  return wanted;
}

function step(name, runtime, command, args, env = {}) {
  const started = Date.now();
  log(`▶ ${name}`);
  const status = run(command, args, { env: { ...childEnv(runtime), ...env } });
  log(`${status === 0 ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (status !== 0) fail(`${name} failed.`);
}

function bin(name) {
  return join(ROOT, 'node_modules', '.bin', name);
}

const [task, ...rest] = process.argv.slice(2);
const runtime = ensureNode();
ensureDependencies(runtime);

if (task === 'exec') {
  const [command, ...args] = rest;
  if (!command) fail('usage: bootstrap.mjs exec COMMAND [ARGS...]');
  const local = bin(command);
  process.exit(run(existsSync(local) ? local : command, args, { env: childEnv(runtime) }));
} else if (task === 'demo') {
  const tsx = [bin('tsx'), '--conditions=react-server'];
  step('prepare the database (migrate, demo data)', runtime, tsx[0], [tsx[1], 'scripts/demo-prepare.ts']);
  ensureBuild(runtime);
  const port = process.env.PORT || '3000';
  log(`starting on http://127.0.0.1:${port}`);
  process.exit(run(bin('tsx'), ['--conditions=react-server', 'scripts/demo-start.ts', port], { env: childEnv(runtime) }));
} else if (task === 'build') {
  // For scripts that need a production build (the bench): build only when the sources changed.
  ensureBuild(runtime);
} else if (task === 'test') {
  const started = Date.now();
  const chromium = ensureChromium();
  step('type-check (tsc)', runtime, bin('tsc'), ['--noEmit']);
  step('lint (eslint)', runtime, bin('eslint'), ['--max-warnings=0', '.']);
  step('unit and integration tests (vitest)', runtime, bin('vitest'), ['run']);
  ensureBuild(runtime);
  step('end-to-end tests (Playwright, Chromium)', runtime, bin('playwright'), ['test'], { CHROMIUM_PATH: chromium });
  log(`all checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} else {
  fail(`unknown task "${task ?? ''}"; use demo, test, build or exec.`);
}
