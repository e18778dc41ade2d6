import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { entities } from '../src/app/schema.js';
import { databaseUrlFor, usesPostgres, withAdminClient, type TestDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { runCliTool } from './support/cli.js';
import { answers, writeThroughApi, type SeasonWrites } from './support/season-writes.js';

/**
 * `db:export`: the embedded database, written through the API, moves to an empty PostgreSQL
 * database, and the server started on PostgreSQL answers every query as before, old tokens
 * included. Needs a PostgreSQL server, so it runs in the PostgreSQL pass of the suite.
 */
// Each test runs command-line tools and servers: generous time on a loaded machine.
describe.skipIf(!usesPostgres)('db:export from the embedded database to PostgreSQL', { timeout: 180_000 }, () => {
  const suffix = randomBytes(4).toString('hex');
  const targets: string[] = [];
  let dataDir: string;
  let writes: SeasonWrites;
  let before: Record<string, unknown>;

  const newDatabase = async (label: string): Promise<string> => {
    const name = `temahub_export_${label}_${suffix}`;
    await withAdminClient((c) => c.query(`CREATE DATABASE ${name}`));
    targets.push(name);
    return databaseUrlFor(name);
  };
  const embedded = (dir: string): TestDatabase => ({
    databaseUrl: undefined,
    dataDir: dir,
    drop: async () => undefined,
  });
  const onPostgres = (url: string): TestDatabase => ({
    databaseUrl: url,
    dataDir: path.join(os.tmpdir(), 'temahub-unused'),
    drop: async () => undefined,
  });

  beforeAll(async () => {
    // An embedded installation with the demo season, as a first `npm start` leaves it.
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-export-'));
    const db = await openDatabase({ dataDir, entities });
    await prepareDatabase(db, { seedDemo: true }, pino({ level: 'silent' }));
    await closeDatabase(db);
  });
  afterAll(async () => {
    for (const name of targets) await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses while the server has the data directory open (its lock says so)', async () => {
    const server: TestServer = await startTestServer({ database: embedded(dataDir) });
    try {
      writes = await writeThroughApi(server);
      before = await answers(server, writes);
      const target = await newDatabase('locked');
      const res = await runCliTool('db-export', ['--to', target], { DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^Export failed: Data directory .* is in use by process \d+ .*stop it first\.\n$/);
      expect(await onlyTables(target)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('copies every table in one transaction and the server on PostgreSQL answers as before, with the old tokens', async () => {
    const target = await newDatabase('main');
    const res = await runCliTool('db-export', ['--to', target], { DATA_DIR: dataDir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('row counts and checksums match on both sides');
    expect(res.stdout).toMatch(/^\s+audit_event\s+[1-9]\d* rows\s+md5 [0-9a-f]{32}$/m);
    expect(res.stdout).toContain(`DATABASE_URL=${target}\n`);

    const server = await startTestServer({ database: onPostgres(target) });
    try {
      expect(await answers(server, writes)).toEqual(before);
      // Sequences follow the copied rows: the next audit event gets the next id, not 1.
      const [{ max }] = await server.db.query(`SELECT max(id)::int AS max FROM audit_event`);
      await server.ok(
        graphql(`
          mutation DbExportCreatePartner {
            createPartner(input: { name: "Efter flytningen", kind: OTHER, scope: NATIONAL }) {
              id
            }
          }
        `),
        {},
        { token: writes.coordinator },
      );
      const [{ latest }] = await server.db.query(`SELECT max(id)::int AS latest FROM audit_event`);
      expect(latest).toBe(max + 1);
    } finally {
      await server.stop();
    }
  });

  it('refuses a target that has rows, and changes nothing there', async () => {
    const target = databaseUrlFor(targets.find((t) => t.includes('_main_'))!);
    const res = await runCliTool('db-export', ['--to', target], { DATA_DIR: dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^Export failed: The target postgres:\/\/.* is not empty \(rows in .*theme.*\)\. Export only into a new, empty database\.\n$/,
    );
  });

  it('refuses a target at another migration version', async () => {
    const target = await newDatabase('old');
    // A database migrated by an older Temahub: the latest migration not applied.
    const first = await runCliTool('migrate', [], { DATABASE_URL: target });
    expect(first.code).toBe(0);
    await inDatabase(target, (c) => c.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations)`));
    const res = await runCliTool('db-export', ['--to', target], { DATA_DIR: dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^Export failed: The target .* is at migration \S+ \(\d+ migrations\), but the embedded database in .* is at \S+ \(\d+ migrations\)\. Both must be at the same migration/,
    );
    expect(
      await inDatabase(target, (c) => c.query(`SELECT count(*)::int AS n FROM theme`).then((r) => r.rows[0].n)),
    ).toBe(0);
  });

  it('refuses a data directory without a database, and a missing --to', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'temahub-export-empty-'));
    try {
      const res = await runCliTool('db-export', ['--to', await newDatabase('nodata')], { DATA_DIR: empty });
      expect(res.stderr).toBe(
        `Export failed: There is no embedded database in ${empty} (set DATA_DIR or --data-dir).\n`,
      );
      const noTarget = await runCliTool('db-export', [], { DATA_DIR: dataDir });
      expect(noTarget.stderr).toMatch(/^Export failed: Say where to: npm run db:export -- --to postgres:/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

async function inDatabase<T>(url: string, work: (c: import('pg').Client) => Promise<T>): Promise<T> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Tables in the database's public schema. */
function onlyTables(url: string): Promise<string[]> {
  return inDatabase(url, async (c) =>
    (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename),
  );
}
