/**
 * Database errors by meaning. The engine's own codes (SQLite's `SQLITE_…`,
 * PostgreSQL's SQLSTATE) are read here and nowhere else: the rest of the
 * product asks what happened — a unique key already taken, a write that
 * lost a race, a database that cannot be written or reached — and acts on
 * that.
 *
 * - `unique-violation`: a row with the same unique key exists (someone else
 *   got there first).
 * - `constraint-violation`: another integrity rule refused the write (a
 *   foreign key, a check, a missing value).
 * - `conflict`: the write lost to a concurrent one — SQLite's write lock held
 *   past the busy timeout, PostgreSQL's serialization failure or deadlock.
 *   Retrying the whole transaction may succeed.
 * - `read-only`: the database may be read but not written.
 * - `full`: no room left (disk, memory).
 * - `unavailable`: the database cannot be reached or read (I/O error,
 *   corrupt or missing file, connection lost, server shutting down).
 *
 * The last four are faults of the database itself, which a person is told as
 * "service unavailable" (never as a wrong password or an empty page).
 *
 * Drivers and drizzle wrap errors (DrizzleQueryError's `cause`), so the whole
 * cause chain is searched.
 */
export type DatabaseErrorKind = 'unique-violation' | 'constraint-violation' | 'conflict' | 'read-only' | 'full' | 'unavailable';

export interface DatabaseError {
  kind: DatabaseErrorKind;
  /** The engine's own code, for logs only (`SQLITE_BUSY`, `40001`…). */
  code: string;
}

const FAULT_KINDS: ReadonlySet<DatabaseErrorKind> = new Set(['conflict', 'read-only', 'full', 'unavailable']);

/** SQLite's result codes (better-sqlite3's SqliteError `code`, extended codes included). */
export function classifySqliteCode(code: string): DatabaseErrorKind | undefined {
  if (!code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique-violation';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint-violation';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'conflict';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (/^SQLITE_(FULL|NOMEM)/.test(code)) return 'full';
  if (/^SQLITE_(IOERR|CORRUPT|NOTADB|CANTOPEN|PERM|AUTH|PROTOCOL)/.test(code)) return 'unavailable';
  return undefined;
}

/**
 * PostgreSQL's SQLSTATE (node-postgres's error `code`), and the network
 * errors of a connection that cannot be made or was lost.
 */
export function classifyPostgresCode(code: string): DatabaseErrorKind | undefined {
  if (code === '23505') return 'unique-violation';
  if (/^23[0-9A-Z]{3}$/.test(code)) return 'constraint-violation';
  // serialization_failure, deadlock_detected, lock_not_available, transaction_rollback
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '40000') return 'conflict';
  if (code === '25006') return 'read-only';
  // disk_full, out_of_memory, insufficient_resources (configuration_limit_exceeded is a limit, not a lack of room)
  if (code === '53100' || code === '53200' || code === '53000') return 'full';
  // connection_exception (08xxx), too_many_connections, admin/crash shutdown, cannot_connect_now, system and internal errors
  if (/^08[0-9A-Z]{3}$/.test(code) || code === '53300' || /^57P0[1-4]$/.test(code) || /^58[0-9A-Z]{3}$/.test(code) || code === 'XX001' || code === 'XX002') return 'unavailable';
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/.test(code)) return 'unavailable';
  return undefined;
}

/** The classifiers of the engines the product knows; a code belongs to at most one. */
const CLASSIFIERS = [classifySqliteCode, classifyPostgresCode];

/** What a database error means, searched through the cause chain; undefined for anything that is not one. */
export function classifyDatabaseError(error: unknown): DatabaseError | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      for (const classify of CLASSIFIERS) {
        const kind = classify(code);
        if (kind) return { kind, code };
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A fault of the database itself (conflict past waiting, read-only, full, unavailable): the person is told "service unavailable". */
export function databaseFault(error: unknown): DatabaseError | undefined {
  const classified = classifyDatabaseError(error);
  return classified && FAULT_KINDS.has(classified.kind) ? classified : undefined;
}

export function isDatabaseFault(error: unknown): boolean {
  return databaseFault(error) !== undefined;
}

/** A unique key (or primary key) already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return classifyDatabaseError(error)?.kind === 'unique-violation';
}
