import { writeFileSync, mkdirSync } from 'node:fs';
import { signInOverHttp } from '../tests/helpers/http-session';
const base = process.argv[2]!;
const pages: Record<string, string> = { notfound: '/orders/NOPE-1',  inventory: '/inventory?account=all', expand: '/inventory?account=all&expand=all', orders: '/orders?account=all', help: '/help', reports: '/reports', order: process.argv[3] ?? '/orders' , accounts: '/accounts?field=location&term=montreal', settings: '/settings'};
(async () => {
  const session = await signInOverHttp(base, 'admin@big.example', 'bench-password-2026');
  mkdirSync('/tmp/pages', { recursive: true });
  for (const [name, path] of Object.entries(pages)) {
    const res = await fetch(base + path, { headers: { cookie: session.cookie } });
    writeFileSync(`/tmp/pages/${name}.html`, await res.text());
    console.log(name, res.status);
  }
})();
