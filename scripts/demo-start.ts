/** `npm run demo`, last step: prints where to go and who to sign in as, then serves the production build. */
import { spawn } from 'node:child_process';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '@/fixtures/demo';
import { ensureDemoSecret } from './demo-secret';

const port = process.argv[2] ?? process.env.PORT ?? '3000';
const url = `http://127.0.0.1:${port}`;

console.log(`\nLicense Desk demo: ${url}\n`);
console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
for (const signIn of DEMO_SIGN_INS) console.log(`  ${signIn.email.padEnd(40)} ${signIn.locale}  ${signIn.description}`);
console.log(`\nExpiry notices: APP_URL=${url} npm run notices — written as .eml files to data/outbox/ (the demo has no SMTP_URL).\n`);

const child = spawn('tsx', ['scripts/serve.ts', '--port', port], {
  stdio: 'inherit',
  env: { ...process.env, AUTH_SECRET: ensureDemoSecret(), APP_URL: process.env.APP_URL ?? url, NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
