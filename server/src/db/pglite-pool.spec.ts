import { mkdtempSync, rmSync } from 'node:fs';
import { migrations } from './migrations.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './data-dir-lock.js';
import { closeDatabase, openDatabase, poolStats } from './data-source.js';
import { runMigrations } from './migrate.js';
import type { PGlitePool } from './pglite-pool.js';

// One embedded database for the whole file: PGlite needs about 3 s of CPU to start.
let dataDir: string;
let ds: DataSource;
let applied: string[];

const pool = (): PGlitePool => (ds.driver as unknown as { master: PGlitePool }).master;

async function names(): Promise<string[]> {
  const rows = (await ds.query('SELECT name FROM spec_item ORDER BY name')) as { name: string }[];
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'temahub-dbspec-'));
  // Without the template: initdb and every migration, as on PostgreSQL.
  ds = await openDatabase({ dataDir, embeddedTemplate: false });
  applied = await runMigrations(ds);
  await ds.query(`
    CREATE TABLE spec_item (
      id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CONSTRAINT spec_item_name_key UNIQUE,
      qty  integer CONSTRAINT spec_item_qty_check CHECK (qty > 0),
      day  date
    );
  `);
});

afterAll(async () => {
  if (ds) await closeDatabase(ds);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded database (PGlite through the pg adapter)', () => {
  it('applies the migrations, then finds nothing left to apply', async () => {
    expect(applied).toEqual(migrations.map((m) => m.name));
    const tables = (await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )) as { table_name: string }[];
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['activity', 'api_token', 'audit_event', 'library', 'migrations', 'region', 'theme']),
    );
    expect(await runMigrations(ds)).toEqual([]);
  });

  it('migrates on a connection the caller already holds, without waiting for a second one', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [4711]);
      expect(await runMigrations(ds, { queryRunner: runner })).toEqual([]);
      await runner.query('SELECT pg_advisory_unlock($1)', [4711]);
    } finally {
      await runner.release();
    }
  });

  it('runs Danish text search and gen_random_uuid', async () => {
    const [row] = (await ds.query(
      `SELECT to_tsvector('danish', 'bibliotekerne læser bøger')::text AS v, gen_random_uuid() AS id`,
    )) as { v: string; id: string }[];
    expect(row.v).toBe(`'bibliotek':1 'bøg':3 'læs':2`);
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns int8 as string, date as YYYY-MM-DD and timestamptz as Date, like pg', async () => {
    const [row] = (await ds.query(
      `SELECT 9007199254740993::int8 AS big, $1::date AS day, '2025-03-04 05:06:07+00'::timestamptz AS at,
              ARRAY['2025-01-02'::date] AS days, 12.50::numeric AS amount, 3 AS small`,
      ['2025-01-02'],
    )) as Record<string, unknown>[];
    expect(row).toEqual({
      big: '9007199254740993',
      day: '2025-01-02',
      at: new Date('2025-03-04T05:06:07Z'),
      days: ['2025-01-02'],
      amount: '12.50',
      small: 3,
    });
  });

  it('runs named statements (parsed once per session) with the results and errors of unnamed ones', async () => {
    const text = `SELECT $1::int8 AS big, $2::date AS day, $3::timestamptz AS at, $4::text[] AS list, $5::jsonb AS doc, $6::int AS none`;
    const values = ['9007199254740993', '2025-01-02', new Date('2025-03-04T05:06:07Z'), ['a b', 'c'], { k: 1 }, null];
    const unnamed = await pool().query({ text, values });
    const first = await pool().query({ name: 'spec_named', text, values });
    const again = await pool().query({ name: 'spec_named', text, values });
    expect(first.rows).toEqual(unnamed.rows);
    expect(again.rows).toEqual(unnamed.rows);
    expect(first.rows[0]).toMatchObject({ big: '9007199254740993', day: '2025-01-02', list: ['a b', 'c'], none: null });
    // A value its parameter refuses, then a good one: the statement stays usable.
    await expect(pool().query({ name: 'spec_named', text, values: ['x', ...values.slice(1)] })).rejects.toMatchObject({
      code: '22P02',
    });
    expect((await pool().query({ name: 'spec_named', text, values })).rows).toEqual(unnamed.rows);
    // A statement that does not parse is refused each time, and is not remembered as prepared.
    for (let i = 0; i < 2; i++)
      await expect(pool().query({ name: 'spec_broken', text: 'SELEC 1', values: [] })).rejects.toMatchObject({
        code: '42601',
      });
    // Inside a transaction, and with the row count of a write.
    const client = await pool().connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query({
        name: 'spec_insert',
        text: 'INSERT INTO spec_item (name, qty) VALUES ($1, $2) RETURNING name',
        values: ['named-1', 2],
      });
      expect(inserted).toMatchObject({ rowCount: 1, rows: [{ name: 'named-1' }] });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await names()).not.toContain('named-1');
  });

  it("reads a named statement's long answer (many pieces from the database), multi-byte text and rows as arrays", async () => {
    const text = `SELECT g AS n, repeat('æø€', g % 40) AS t, CASE WHEN g % 7 = 0 THEN NULL ELSE g::text END AS maybe
                    FROM generate_series(1, $1::int) g`;
    const unnamed = await pool().query({ text, values: [20_000] });
    const named = await pool().query({ name: 'spec_long', text, values: [20_000] });
    expect(named.rows).toHaveLength(20_000);
    expect(named.rows).toEqual(unnamed.rows);
    expect(named.rows[38]).toEqual({ n: 39, t: 'æø€'.repeat(39), maybe: '39' });
    expect(named.fields.map((f) => f.name)).toEqual(['n', 't', 'maybe']);
    const arrays = await pool().query({ name: 'spec_long', text, values: [3], rowMode: 'array' });
    expect(arrays.rows).toEqual([
      [1, 'æø€', '1'],
      [2, 'æø€æø€', '2'],
      [3, 'æø€æø€æø€', '3'],
    ]);
    await expect(pool().query({ name: 'spec_long', text, values: ['many'] })).rejects.toBeInstanceOf(pg.DatabaseError);
  });

  it('runs several statements in one query string without parameters', async () => {
    await ds.query(`INSERT INTO spec_item (name) VALUES ('multi-1'); INSERT INTO spec_item (name) VALUES ('multi-2');`);
    expect(await names()).toEqual(expect.arrayContaining(['multi-1', 'multi-2']));
    await ds.query(`DELETE FROM spec_item WHERE name LIKE 'multi-%'`);
  });

  it('reports a unique violation like pg: SQLSTATE 23505 with the constraint name', async () => {
    await ds.query(`INSERT INTO spec_item (name) VALUES ($1)`, ['unique-1']);
    const err: unknown = await ds
      .query(`INSERT INTO spec_item (name) VALUES ($1)`, ['unique-1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    const driverError = (err as QueryFailedError).driverError as pg.DatabaseError;
    expect(driverError).toBeInstanceOf(pg.DatabaseError);
    expect(driverError).toMatchObject({
      code: '23505',
      constraint: 'spec_item_name_key',
      table: 'spec_item',
      schema: 'public',
      detail: 'Key (name)=(unique-1) already exists.',
    });
    // TypeORM copies the driver error's fields onto QueryFailedError, as with pg.
    expect(err).toMatchObject({ code: '23505', constraint: 'spec_item_name_key' });
    await ds.query(`DELETE FROM spec_item`);
  });

  it('reports check and foreign-key violations with their SQLSTATE and constraint', async () => {
    const check = await ds.query(`INSERT INTO spec_item (name, qty) VALUES ('bad', 0)`).catch((e: unknown) => e);
    expect(check).toMatchObject({ code: '23514', constraint: 'spec_item_qty_check', table: 'spec_item' });
    const fk = await ds
      .query(`INSERT INTO municipality (code, name, region_code) VALUES (101, 'København', 'NOWHERE')`)
      .catch((e: unknown) => e);
    expect(fk).toMatchObject({ code: '23503', constraint: 'municipality_region_code_fkey', table: 'municipality' });
  });

  it('isolates concurrent transactions: a rollback leaves nothing and nothing leaks into the other', async () => {
    const events: string[] = [];
    let waitingWhileHeld = -1;
    let seenByRolledBack: string[] = [];
    let seenByCommitted: string[] = [];

    const rolledBack = ds.transaction(async (manager) => {
      events.push('A begins');
      await manager.query(`INSERT INTO spec_item (name) VALUES ('from-A')`);
      // Give B every chance to run now; with exclusive checkout it has to wait.
      await sleep(50);
      waitingWhileHeld = poolStats(ds).waiting;
      seenByRolledBack = ((await manager.query(`SELECT name FROM spec_item`)) as { name: string }[]).map((r) => r.name);
      events.push('A rolls back');
      throw new Error('roll back A');
    });
    const committed = ds.transaction(async (manager) => {
      events.push('B begins');
      await manager.query(`INSERT INTO spec_item (name) VALUES ('from-B')`);
      seenByCommitted = ((await manager.query(`SELECT name FROM spec_item`)) as { name: string }[]).map((r) => r.name);
      events.push('B commits');
    });

    const [a, b] = await Promise.allSettled([rolledBack, committed]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('fulfilled');
    expect(events).toEqual(['A begins', 'A rolls back', 'B begins', 'B commits']);
    expect(waitingWhileHeld).toBe(1);
    expect(seenByRolledBack).toEqual(['from-A']);
    expect(seenByCommitted).toEqual(['from-B']);
    expect(await names()).toEqual(['from-B']);
    await ds.query(`DELETE FROM spec_item`);
  });

  it('makes pool.query wait for a checked-out client', async () => {
    const client = await pool().connect();
    const order: string[] = [];
    const direct = pool()
      .query('SELECT 1 AS one')
      .then((result) => {
        order.push('pool.query');
        return result;
      });
    await sleep(20);
    expect(poolStats(ds)).toEqual({ total: 1, idle: 0, waiting: 1 });
    order.push('release');
    client.release();
    expect((await direct).rows).toEqual([{ one: 1 }]);
    expect(order).toEqual(['release', 'pool.query']);
    expect(poolStats(ds)).toEqual({ total: 1, idle: 1, waiting: 0 });
  });

  it('rolls back a transaction its client left open when released', async () => {
    const client = await pool().connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO spec_item (name) VALUES ('abandoned')`);
    client.release();
    expect(() => client.release()).toThrow(/already been released/);
    await expect(client.query('SELECT 1')).rejects.toThrow(/released/);
    expect(await names()).toEqual([]);
  });

  it('supports the callback forms TypeORM uses', async () => {
    const result = await new Promise<pg.QueryResult>((resolve, reject) => {
      pool().connect((err, client, release) => {
        if (err || !client) return reject(err);
        client.query('SELECT $1::int8 AS n', ['7'], (queryErr, res) => {
          release();
          if (queryErr) reject(queryErr);
          else resolve(res as unknown as pg.QueryResult);
        });
      });
    });
    expect(result).toMatchObject({ command: 'SELECT', rowCount: 1, rows: [{ n: '7' }] });
  });

  it('refuses a second open of the same data dir while it is open', async () => {
    const err = await openDatabase({ dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as DataDirLockedError).pid).toBe(process.pid);
    expect((err as Error).message).toContain(dataDir);
    // The first one is unaffected.
    expect(await ds.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
