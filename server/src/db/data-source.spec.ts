import { randomBytes } from 'node:crypto';
import { migrations } from './migrations.js';
import pg from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, createDataSource, openDatabase, poolStats, withoutStatementTimeout } from './data-source.js';
import { parseTextArray } from './pg-types.js';
import { runMigrations } from './migrate.js';

/** The maintenance database of the test server; a fresh database is created beside it. */
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `temahub_dbspec_${randomBytes(6).toString('hex')}`;

let ds: DataSource;
let applied: string[];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  ds = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 3 });
  applied = await runMigrations(ds);
  await ds.query(`
    CREATE TABLE spec_item (
      id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CONSTRAINT spec_item_name_key UNIQUE
    );
  `);
});

afterAll(async () => {
  if (ds) await closeDatabase(ds);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe('PostgreSQL data source', () => {
  it('applies the same migrations, then finds nothing left to apply', async () => {
    expect(applied).toEqual(migrations.map((m) => m.name));
    const [{ count }] = (await ds.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('activity', 'theme', 'audit_event')`,
    )) as { count: number }[];
    expect(count).toBe(3);
    expect(await runMigrations(ds)).toEqual([]);
  });

  it('returns int8 as string and date as YYYY-MM-DD, the shapes of the embedded database', async () => {
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

  it('reads text arrays like pg does, plain ones without its character-by-character parser', async () => {
    const arrays: (string | null)[][] = [
      [],
      ['CHILDREN', 'FAMILIES'],
      ['a'],
      [''],
      ['NULL', null],
      ['with space', 'comma,inside', 'quote"inside', 'back\\slash', '{brace}'],
      ['æøå', 'Sjælland'],
    ];
    for (const array of arrays) {
      const [row] = (await ds.query(`SELECT $1::text[] AS list, $1::text[]::text AS literal`, [array])) as {
        list: unknown;
        literal: string;
      }[];
      expect(row!.list).toEqual(array);
      expect(parseTextArray(row!.literal)).toEqual(
        pg.types.getTypeParser(1009 as Parameters<typeof pg.types.getTypeParser>[0])(row!.literal),
      );
    }
    expect(parseTextArray('{{a,b},{c,d}}')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('builds the rows of its named statements with rowFactory, equal to what a plain pg client reads', async () => {
    const text = `SELECT g AS n, 'æø ' || g AS "l.name", CASE WHEN g % 2 = 0 THEN NULL ELSE g * 2 END AS maybe,
                         ARRAY['A', 'B'] AS list, g > 1 AS more FROM generate_series(1, 3) g`;
    const pool = (ds.driver as unknown as { master: pg.Pool }).master;
    const ours = (await pool.query({ name: 'spec_row_factory', text })) as pg.QueryResult & { rowOf?: unknown };
    expect(ours.rowOf).toBeDefined();
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      const plain = (await client.query(text)) as pg.QueryResult & { rowOf?: unknown };
      expect(plain.rowOf).toBeUndefined();
      expect(ours.rows).toEqual(plain.rows);
      expect(ours.rows.map((row) => Object.keys(row))).toEqual(plain.rows.map((row) => Object.keys(row)));
    } finally {
      await client.end();
    }
  });

  it('reports a unique violation with SQLSTATE 23505 and the constraint name', async () => {
    await ds.query(`INSERT INTO spec_item (name) VALUES ($1)`, ['unique-1']);
    const err: unknown = await ds
      .query(`INSERT INTO spec_item (name) VALUES ($1)`, ['unique-1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError).driverError).toBeInstanceOf(pg.DatabaseError);
    expect((err as QueryFailedError).driverError).toMatchObject({
      code: '23505',
      constraint: 'spec_item_name_key',
      table: 'spec_item',
      schema: 'public',
      detail: 'Key (name)=(unique-1) already exists.',
    });
    expect(err).toMatchObject({ code: '23505', constraint: 'spec_item_name_key' });
  });

  it('reports pool figures', async () => {
    const stats = poolStats(ds);
    expect(stats.total).toBeGreaterThanOrEqual(1);
    expect(stats.idle).toBeLessThanOrEqual(stats.total);
    expect(stats.waiting).toBe(0);
    expect(poolStats(createDataSource({ dataDir: 'unused' }))).toEqual({ total: 0, idle: 0, waiting: 0 });
  });

  it('keeps idle connections open for the configured time (pg closes them after 10 s by default)', () => {
    const options = (d: DataSource) =>
      (d.driver as unknown as { master: { options: { idleTimeoutMillis: number } } }).master.options;
    expect(options(ds).idleTimeoutMillis).toBe(300_000);
  });

  it('cancels a statement at the statement timeout (SQLSTATE 57014), except where migrations and seeding lift it', async () => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const bounded = await openDatabase({
      databaseUrl: url.toString(),
      dataDir: 'unused',
      poolSize: 1,
      statementTimeoutMs: 300,
      idleTimeoutMs: 1_000,
    });
    try {
      const err: unknown = await bounded.query('SELECT pg_sleep(1)').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: '57014' });
      const runner = bounded.createQueryRunner();
      try {
        expect(
          await withoutStatementTimeout(runner, () =>
            runner.query(`SELECT pg_sleep(0.5), current_setting('statement_timeout') AS limit`),
          ),
        ).toEqual([{ pg_sleep: '', limit: '0' }]);
        expect(await runner.query(`SELECT current_setting('statement_timeout') AS limit`)).toEqual([
          { limit: '300ms' },
        ]);
      } finally {
        await runner.release();
      }
    } finally {
      await closeDatabase(bounded);
    }
  });
});
