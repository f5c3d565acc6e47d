/**
 * Import benchmark (docs/performance.md): builds a large import document,
 * then times, on a fresh database file, reading + validating + writing it, a
 * re-import of the same file (nothing changes) and a re-import with 10 % of
 * the counts changed (adjustments). Not a test: run it by hand.
 *
 *   node scripts/bootstrap.mjs exec tsx --conditions=react-server lib/import/benchmark.ts [POSITIONS] [--history]
 *
 * --history gives every position a two-transaction history instead of bare counts.
 *
 * Engine: SQLite only: measures the import on a SQLite file it creates and closes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@/db/client';
import { ledgerDiscrepancies } from '@/lib/inventory/ledger';
import { importDocument } from './apply';
import type { ImportDocument, LicensePositionInput } from './schema';

/** A deterministic document with `positions` licence positions over 1,000 accounts of 50 customers. */
export function largeDocument(positions: number, withHistory: boolean): ImportDocument {
  const customers = 50;
  const accounts = 1000;
  const products = 200;
  const perAccount = Math.ceil(positions / accounts);
  const editions = ['Standard', 'Enterprise', 'Datacenter', 'Professionnel Plus'];
  const versions = ['2016', '2019', '2021', '2022', '2025'];
  const doc: ImportDocument = {
    version: 1,
    partners: [
      { code: 'P1', name: 'Partenaire Un' },
      { code: 'P2', name: 'Partenaire Deux' },
    ],
    customers: Array.from({ length: customers }, (_, i) => ({ number: `C${100000 + i}`, legalName: `Client Numéro ${i} Ltée` })),
    agreements: Array.from({ length: customers }, (_, i) => ({ number: `AG${100000 + i}`, customer: `C${100000 + i}` })),
    productFamilies: Array.from({ length: 20 }, (_, i) => ({ code: `F${i}`, name: `Famille ${i}` })),
    products: Array.from({ length: products }, (_, i) => ({ code: `PR${i}`, family: `F${i % 20}`, name: `Produit ${i}`, kind: 'license' as const })),
    purchaseAccounts: Array.from({ length: accounts }, (_, i) => ({
      number: `A${1000000 + i}`,
      name: `Compte d'achats ${i}`,
      city: ['Montréal', 'Québec', 'Lyon', 'Genève'][i % 4]!,
      country: ['CA', 'CA', 'FR', 'CH'][i % 4]!,
      customer: `C${100000 + (i % customers)}`,
      agreement: `AG${100000 + (i % customers)}`,
      partner: i % 3 === 0 ? 'P2' : 'P1',
    })),
    licensePositions: [],
  };
  const lines: LicensePositionInput[] = [];
  for (let i = 0; lines.length < positions; i++) {
    const account = `A${1000000 + Math.floor(i / perAccount)}`;
    const k = i % perAccount;
    const licenseCount = 10 + (i % 90);
    const saCount = i % 3 === 0 ? licenseCount : 0;
    lines.push({
      account,
      product: `PR${k % products}`,
      edition: editions[Math.floor(k / products) % editions.length]!,
      version: versions[Math.floor(k / (products * editions.length)) % versions.length]!,
      resourceUsage: 'Par cœur',
      licenseCount,
      saCount,
      ...(withHistory
        ? {
            transactions: [
              { date: '2024-01-01', kind: 'opening_balance' as const, licenseDelta: licenseCount - 5, saDelta: saCount },
              { date: '2025-06-01', kind: 'order' as const, licenseDelta: 5, note: 'Commande' },
            ],
          }
        : {}),
    });
  }
  doc.licensePositions = lines;
  return doc;
}

/** Runs `fn`, printing its wall-clock time and the CPU time of this process (user + system, less sensitive to a busy machine). */
async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(46)} ${wall.toFixed(2).padStart(6)} s wall, ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s CPU`);
  return result;
}

async function main() {
  const positions = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 100_000);
  const withHistory = process.argv.includes('--history');
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-bench-'));
  const file = join(dir, 'import.json');
  writeFileSync(file, JSON.stringify(largeDocument(positions, withHistory)));
  console.log(`Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'})`);
  console.log(`${positions} licence positions${withHistory ? ' with a 2-transaction history each' : ''}; file ${(readFileSync(file).length / 1e6).toFixed(1)} MB`);
  const db = openDatabase(join(dir, 'bench.db'));
  migrateDatabase(db);
  const readAndImport = async () => (await importDocument(db, JSON.parse(readFileSync(file, 'utf8')), { today: '2026-11-24' }));

  const first = await time('first import (read, parse, validate, write)', readAndImport);
  console.log(`  ${first.licensePositions.created} positions, ${first.transactions.created} transactions created`);
  const again = await time('same file again (nothing changes)', readAndImport);
  console.log(`  ${again.licensePositions.unchanged} unchanged, ${again.transactions.created} transactions created`);
  const changed = JSON.parse(readFileSync(file, 'utf8')) as ImportDocument;
  changed.licensePositions!.forEach((p, i) => {
    if (i % 10 === 0) {
      p.licenseCount += 1;
      p.transactions?.push({ date: '2026-11-01', kind: 'order', licenseDelta: 1 });
    }
  });
  writeFileSync(file, JSON.stringify(changed));
  const third = await time('10 % of the counts changed', readAndImport);
  console.log(`  ${third.licensePositions.updated} updated, ${third.transactions.created} transactions created`);
  console.log(`ledger discrepancies: ${(await ledgerDiscrepancies(db)).length}`);
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && /benchmark\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
