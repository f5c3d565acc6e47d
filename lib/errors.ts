/**
 * Faults of the database itself (read-only file, write lock held too long,
 * disk full, corrupt or missing file), as opposed to answers such as "no such
 * row". They must reach a person as "service unavailable", never disguised as
 * a wrong password or an empty page.
 *
 * better-sqlite3 throws a SqliteError whose `code` starts with SQLITE_;
 * drizzle wraps it in a DrizzleQueryError whose `cause` is that error, so the
 * whole cause chain is searched.
 */
const FAULT_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CORRUPT|NOTADB|CANTOPEN|PERM|AUTH|NOMEM|PROTOCOL)/;

export function isDatabaseFault(error: unknown): boolean {
  return databaseFaultCode(error) !== undefined;
}

/** The SQLITE_… code of a database fault, searched through the cause chain; undefined for anything else. */
export function databaseFaultCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && FAULT_CODES.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
