// 'server-only' is a guard for the Next.js bundler; outside it (vitest) it is empty.
export {};
