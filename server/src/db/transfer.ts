import type { QueryRunner } from 'typeorm';

/**
 * Copying a Temahub database table by table, used by `db:export` (embedded database →
 * PostgreSQL), `db:backup` (→ file) and `db:restore` (file → database).
 *
 * Rows travel as PostgreSQL's own JSON text of the row (`row_to_json`) and are read back with
 * `json_populate_recordset`, so every value keeps its exact text form: timestamps keep their
 * microseconds, arrays, enums, numerics and JSON stay as stored. Generated columns are not
 * copied (the target computes them), identity values are (OVERRIDING SYSTEM VALUE), and every
 * sequence is set to the source's state afterwards. A table's checksum is the md5 of the sorted
 * md5s of its rows' JSON, computed the same way on both sides in UTC.
 */

/** TypeORM's bookkeeping table: compared (same migrations on both sides), never copied. */
const MIGRATIONS_TABLE = 'migrations';
/**
 * Tables derived from others by triggers, never copied: the target's triggers rebuild them as the
 * rows they count arrive (copying them too would count twice).
 */
export const DERIVED_TABLES: readonly string[] = ['activity_tally'];
/** Rows per INSERT … json_populate_recordset (and per cursor FETCH). */
export const ROWS_PER_BATCH = 2_000;

export interface TableInfo {
  name: string;
  /** Stored (not generated) columns, in table order. */
  columns: string[];
}

export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** A user-facing refusal or failed check: the CLIs print its message as it is. */
export class TransferError extends Error {
  override readonly name = 'TransferError';
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows come back as plain objects from both pg and the PGlite adapter. */
async function rowsOf<T>(q: QueryRunner, sql: string, params?: unknown[]): Promise<T[]> {
  return (await q.query(sql, params)) as T[];
}

/**
 * The application's tables in the public schema (without the migrations table and DERIVED_TABLES), parents before
 * children (foreign keys), so that copying in this order never violates a constraint.
 */
export async function listTables(q: QueryRunner): Promise<TableInfo[]> {
  const columns = await rowsOf<{ table: string; column: string }>(
    q,
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attgenerated = '' AND c.relname::text <> ALL($1::text[])
      ORDER BY c.relname, a.attnum`,
    [[MIGRATIONS_TABLE, ...DERIVED_TABLES]],
  );
  const byTable = new Map<string, string[]>();
  for (const { table, column } of columns) {
    const list = byTable.get(table) ?? [];
    list.push(column);
    byTable.set(table, list);
  }
  const edges = await rowsOf<{ child: string; parent: string }>(
    q,
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.oid <> pa.oid`,
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of edges) {
    if (!parents.has(child)) parents.set(child, new Set());
    parents.get(child)!.add(parent);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const remaining = [...byTable.keys()].sort();
  while (remaining.length) {
    const index = remaining.findIndex((t) =>
      [...(parents.get(t) ?? [])].every((p) => placed.has(p) || !byTable.has(p)),
    );
    if (index < 0) throw new Error(`foreign keys form a cycle among ${remaining.join(', ')}`);
    const [table] = remaining.splice(index, 1) as [string];
    placed.add(table);
    ordered.push({ name: table, columns: byTable.get(table)! });
  }
  return ordered;
}

/** Names of the applied migrations, oldest first; empty when the database has never been migrated. */
export async function appliedMigrations(q: QueryRunner): Promise<string[]> {
  const [exists] = await rowsOf<{ found: boolean }>(
    q,
    `SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS found`,
  );
  if (!exists?.found) return [];
  const rows = await rowsOf<{ name: string }>(q, `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
  return rows.map((r) => r.name);
}

/** Whether the public schema has no tables at all (a database nobody has migrated yet). */
export async function hasNoTables(q: QueryRunner): Promise<boolean> {
  const [row] = await rowsOf<{ n: number }>(q, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  return row!.n === 0;
}

/** Throws a TransferError unless both lists name the same migrations. */
export function requireSameMigrations(
  source: { label: string; names: string[] },
  target: { label: string; names: string[] },
): void {
  if (source.names.length === target.names.length && source.names.every((n, i) => n === target.names[i])) return;
  const last = (names: string[]) =>
    names.length ? `${names[names.length - 1]} (${names.length} migrations)` : 'no migrations';
  throw new TransferError(
    `${target.label} is at migration ${last(target.names)}, but ${source.label} is at ${last(source.names)}. ` +
      'Both must be at the same migration: upgrade the older one (start this version of Temahub on it once, or `npm run migrate`).',
  );
}

/** Tables that hold rows; an empty list means the database can receive a copy. */
export async function nonEmptyTables(q: QueryRunner, tables: TableInfo[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const rows = await rowsOf<unknown>(q, `SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`);
    if (rows.length) found.push(t.name);
  }
  return found;
}

/** Row count and checksum of one table; call inside a transaction that has run `useUtc`. */
export async function summarizeTable(q: QueryRunner, table: string): Promise<TableSummary> {
  const [row] = await rowsOf<{ rows: number; checksum: string }>(
    q,
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(h, ',' ORDER BY h), '')) AS checksum
       FROM (SELECT md5(row_to_json(t)::text) AS h FROM ${quoteIdent(table)} t) s`,
  );
  return { table, rows: row!.rows, checksum: row!.checksum };
}

/** Timestamps in the rows' JSON in UTC for the rest of the transaction, so both sides write them alike. */
export async function useUtc(q: QueryRunner): Promise<void> {
  await q.query(`SET LOCAL TimeZone = 'UTC'`);
}

/**
 * Starts a read-only snapshot transaction on the source: everything read until commit/rollback
 * sees one consistent state, while writers elsewhere carry on (on PostgreSQL).
 */
export async function beginSnapshot(q: QueryRunner): Promise<void> {
  await q.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await useUtc(q);
}

/** Yields the table's rows as JSON text, in batches, through a cursor (inside a transaction). */
export async function* readRows(q: QueryRunner, table: string): AsyncGenerator<string[]> {
  const cursor = `temahub_copy_${table}`;
  await q.query(
    `DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${quoteIdent(table)} t`,
  );
  try {
    for (;;) {
      const rows = await rowsOf<{ r: string }>(q, `FETCH ${ROWS_PER_BATCH} FROM ${quoteIdent(cursor)}`);
      if (rows.length === 0) return;
      yield rows.map((row) => row.r);
      if (rows.length < ROWS_PER_BATCH) return;
    }
  } finally {
    await q.query(`CLOSE ${quoteIdent(cursor)}`);
  }
}

/** Inserts rows given as row JSON text (as readRows yields them), keeping ids and identity values. */
export async function insertRows(q: QueryRunner, table: TableInfo, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = table.columns.map(quoteIdent).join(', ');
  await q.query(
    `INSERT INTO ${quoteIdent(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
     SELECT ${columns} FROM json_populate_recordset(NULL::${quoteIdent(table.name)}, $1::json)`,
    [`[${rows.join(',')}]`],
  );
}

/** The state of every sequence in the public schema (serial and identity columns). */
export async function readSequences(q: QueryRunner): Promise<SequenceState[]> {
  const names = await rowsOf<{ name: string }>(
    q,
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND n.nspname = 'public' ORDER BY c.relname`,
  );
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const [row] = await rowsOf<{ last_value: string; is_called: boolean }>(
      q,
      `SELECT last_value::text AS last_value, is_called FROM ${quoteIdent(name)}`,
    );
    states.push({ name, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return states;
}

export async function writeSequences(q: QueryRunner, states: SequenceState[]): Promise<void> {
  for (const s of states) {
    await q.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.lastValue, s.isCalled]);
  }
}

/** Compares expected (source) and actual (target) summaries; throws a TransferError naming every difference. */
export function requireSameSummaries(expected: TableSummary[], actual: TableSummary[]): void {
  const byTable = new Map(actual.map((s) => [s.table, s]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = byTable.get(e.table);
    if (!a) problems.push(`${e.table}: missing in the copy`);
    else if (a.rows !== e.rows) problems.push(`${e.table}: ${e.rows} rows in the source, ${a.rows} in the copy`);
    else if (a.checksum !== e.checksum) problems.push(`${e.table}: checksums differ`);
  }
  if (problems.length)
    throw new TransferError(`The copy does not match its source, nothing was kept: ${problems.join('; ')}.`);
}

/** A table of row counts for people. */
export function formatSummaries(summaries: TableSummary[]): string {
  const width = Math.max(...summaries.map((s) => s.table.length), 5);
  return summaries
    .map((s) => `  ${s.table.padEnd(width)}  ${String(s.rows).padStart(8)} rows  md5 ${s.checksum}`)
    .join('\n');
}
