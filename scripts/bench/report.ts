/**
 * The bench's verdict: the speed budgets (1 to 4 below, docs/performance.md)
 * evaluated on the figures, and
 * the Markdown tables it prints (and docs/performance.md keeps).
 */
import type { Bytes, Run } from './measure';

export type Customer = 'large' | 'small';

export interface PageSpec {
  id: string;
  label: string;
  /** In budget 1 (p50 on the large customer ≤ 1.3 × on the ten-times-smaller one). */
  scales?: boolean;
  signedOut?: boolean;
  /** The minimal signed-in page: the framework's own cost and JavaScript. */
  minimal?: boolean;
}

export interface Served {
  c1: Run;
  c16?: Run;
  bytes: Omit<Bytes, 'status'>;
}

export interface PageResult {
  page: PageSpec;
  customer: Customer;
  path: string;
  next: Served;
  floor?: Served;
  /** The floor's median time per query function (and for the whole render), ms. */
  profile?: Record<string, number>;
  /** With `--rounds N`: each round's p50 at 1 connection (`next.c1` is the median round's). */
  p50Rounds?: number[];
}

export interface Budget {
  name: string;
  page?: string;
  value: number;
  limit: number;
  /** How value compares with limit: at most, or at least. */
  comparison: '<=' | '>=';
  unit: string;
  pass: boolean;
}

const KB = 1024;
/** Budget 4: a page may add this much gzip'd JavaScript to the minimal page's. */
export const JS_ALLOWANCE_BYTES = 15 * KB;

function budget(name: string, page: string | undefined, value: number, comparison: '<=' | '>=', limit: number, unit: string): Budget {
  const rounded = (x: number) => Math.round(x * 1000) / 1000;
  return { name, page, value: rounded(value), limit: rounded(limit), comparison, unit, pass: comparison === '<=' ? value <= limit : value >= limit };
}

export function evaluateBudgets(results: PageResult[]): Budget[] {
  const find = (customer: Customer, id: string) => results.find((result) => result.customer === customer && result.page.id === id);
  const budgets: Budget[] = [];
  const large = results.filter((result) => result.customer === 'large');

  // 1. The large customer's pages no slower than 1.3 × the ten-times-smaller customer's.
  for (const result of large.filter((candidate) => candidate.page.scales)) {
    const small = find('small', result.page.id);
    if (small) budgets.push(budget('1. p50 at 1 connection, large ÷ ten-times-smaller customer', result.page.id, result.next.c1.p50 / small.next.c1.p50, '<=', 1.3, '×'));
  }

  // 2. Every core in use: throughput at 16 connections, and the tail at 16.
  const inventory = find('large', 'inventory');
  if (inventory?.next.c16) {
    budgets.push(budget('2. throughput at 16 connections ÷ at 1 connection (all-accounts inventory)', 'inventory', inventory.next.c16.rps / inventory.next.c1.rps, '>=', 1.6, '×'));
    budgets.push(budget('2. p99 ÷ p50 at 16 connections (all-accounts inventory)', 'inventory', inventory.next.c16.p99 / inventory.next.c16.p50, '<=', 3, '×'));
  }

  // 3. A page's own cost (over the minimal signed-in page) at most twice the floor's; the same for gzip'd HTML.
  const minimal = large.find((result) => result.page.minimal);
  if (minimal?.floor) {
    for (const result of large.filter((candidate) => !candidate.page.minimal && !candidate.page.signedOut && candidate.floor)) {
      const floorCost = result.floor!.c1.p50 - minimal.floor.c1.p50;
      budgets.push(budget("3. own p50 (minus the minimal page's) ≤ 2 × the floor's", result.page.id, result.next.c1.p50 - minimal.next.c1.p50, '<=', 2 * Math.max(0, floorCost), 'ms'));
      const floorHtml = result.floor!.bytes.htmlGzip - minimal.floor.bytes.htmlGzip;
      budgets.push(budget("3. own gzip'd HTML (minus the minimal page's) ≤ 2 × the floor's", result.page.id, (result.next.bytes.htmlGzip - minimal.next.bytes.htmlGzip) / KB, '<=', (2 * Math.max(0, floorHtml)) / KB, 'KB'));
    }
  }

  // 4. JavaScript: no page more than 15 KB gzip'd over the framework's baseline.
  if (minimal) {
    for (const result of large.filter((candidate) => !candidate.page.minimal)) {
      budgets.push(budget("4. gzip'd JS ≤ the minimal page's + 15 KB", result.page.id, result.next.bytes.jsGzip / KB, '<=', (minimal.next.bytes.jsGzip + JS_ALLOWANCE_BYTES) / KB, 'KB'));
    }
  }
  return budgets;
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const kb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / KB).toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? '–' : (a / b).toFixed(2));

export function markdown(results: PageResult[], budgets: Budget[]): string {
  const lines: string[] = [];
  const large = results.filter((result) => result.customer === 'large');
  lines.push('### Large customer: time (ms) and throughput (requests/s), server and floor', '');
  lines.push('| page | p50 @1 | p95 @1 | p99 @1 | CPU ms/req @1 | req/s @1 | req/s @16 | p50 @16 | p99 @16 | floor p50 @1 | × floor p50 | floor CPU ms/req | floor req/s @1 | × floor req/s @1 | floor req/s @16 | × floor req/s @16 |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const result of large) {
    const { next, floor } = result;
    lines.push(
      `| ${result.page.label} | ${ms(next.c1.p50)} | ${ms(next.c1.p95)} | ${ms(next.c1.p99)} | ${ms(next.c1.cpuMs)} | ${next.c1.rps} | ${next.c16?.rps ?? '–'} | ${ms(next.c16?.p50)} | ${ms(next.c16?.p99)} | ${ms(floor?.c1.p50)} | ${ratio(next.c1.p50, floor?.c1.p50)} | ${ms(floor?.c1.cpuMs)} | ${floor?.c1.rps ?? '–'} | ${ratio(next.c1.rps, floor?.c1.rps)} | ${floor?.c16?.rps ?? '–'} | ${ratio(next.c16?.rps, floor?.c16?.rps)} |`,
    );
  }
  lines.push('', '### Large customer: bytes (KB), server and floor', '');
  lines.push('| page | HTML | of which inline scripts (RSC payload) | visible text | HTML gz | JS gz (files) | floor HTML | floor visible text | floor HTML gz | × floor gz |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const result of large) {
    const { next, floor } = result;
    lines.push(
      `| ${result.page.label} | ${kb(next.bytes.html)} | ${kb(next.bytes.inlineScripts)} | ${kb(next.bytes.text)} | ${kb(next.bytes.htmlGzip)} | ${kb(next.bytes.jsGzip)} (${next.bytes.scripts}) | ${kb(floor?.bytes.html)} | ${kb(floor?.bytes.text)} | ${kb(floor?.bytes.htmlGzip)} | ${ratio(next.bytes.htmlGzip, floor?.bytes.htmlGzip)} |`,
    );
  }
  lines.push('', '### Large against ten-times-smaller customer (p50 at 1 connection)', '');
  lines.push('| page | large p50 ms | small p50 ms | × | large CPU ms/req | small CPU ms/req | × | large HTML gz KB | small HTML gz KB |', '|---|---|---|---|---|---|---|---|---|');
  for (const result of large) {
    const small = results.find((candidate) => candidate.customer === 'small' && candidate.page.id === result.page.id);
    if (small) lines.push(`| ${result.page.label}${result.page.scales ? ' (budget 1)' : ''} | ${ms(result.next.c1.p50)} | ${ms(small.next.c1.p50)} | ${ratio(result.next.c1.p50, small.next.c1.p50)} | ${ms(result.next.c1.cpuMs)} | ${ms(small.next.c1.cpuMs)} | ${ratio(result.next.c1.cpuMs, small.next.c1.cpuMs)} | ${kb(result.next.bytes.htmlGzip)} | ${kb(small.next.bytes.htmlGzip)} |`);
  }
  lines.push('', '### Budgets', '', '| budget | page | value | limit | |', '|---|---|---|---|---|');
  for (const item of budgets) lines.push(`| ${item.name} | ${item.page ?? ''} | ${item.value} ${item.unit} | ${item.comparison} ${item.limit} ${item.unit} | ${item.pass ? 'pass' : '**FAIL**'} |`);
  const failed = budgets.filter((item) => !item.pass).length;
  lines.push('', `${budgets.length - failed} of ${budgets.length} budgets pass.`);

  const profiled = results.filter((result) => result.profile);
  if (profiled.length) {
    lines.push('', "### Where the floor's time goes (median ms per render, same query functions as the pages)", '');
    lines.push('| page | customer | query functions (ms) | HTML and the rest | total |', '|---|---|---|---|---|');
    for (const result of profiled) {
      const profile = result.profile!;
      const queries = Object.entries(profile)
        .filter(([name]) => !name.startsWith('('))
        .sort((a, b) => b[1] - a[1])
        .map(([name, value]) => `${name} ${ms(value)}`)
        .join(', ');
      lines.push(`| ${result.page.label} | ${result.customer} | ${queries} | ${ms(profile['(HTML and the rest)'])} | ${ms(profile['(total)'])} |`);
    }
  }
  return lines.join('\n');
}
