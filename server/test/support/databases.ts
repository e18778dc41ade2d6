import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Test databases. With DATABASE_URL the suite runs on that PostgreSQL server and every test
 * file gets its own database cloned from a migrated and seeded template; without it, every test
 * file gets a copy of a migrated and seeded embedded (PGlite) data directory.
 */
export const usesPostgres = Boolean(process.env.DATABASE_URL);

/** The template of this test run; unique per run so that runs on one machine do not collide. */
export interface TestTemplate {
  database: string;
  dataDir: string;
}

export function newTemplate(): TestTemplate {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  return { database: `temahub_template_${suffix}`, dataDir: path.join(os.tmpdir(), `temahub-template-${suffix}`) };
}

/** The connection string of another database on the same server as DATABASE_URL. */
export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a copy of the seeded template, or empty with `empty`. */
export async function createTestDatabase(
  template: TestTemplate,
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  if (usesPostgres) {
    const name = `temahub_test_${suffix}`;
    await withAdminClient((c) =>
      c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template.database}`),
    );
    return {
      databaseUrl: databaseUrlFor(name),
      dataDir: path.join(os.tmpdir(), `temahub-unused-${suffix}`),
      drop: () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-test-'));
  if (!options.empty) {
    await cp(template.dataDir, dataDir, { recursive: true, filter: (src) => !src.endsWith('.lock') });
  }
  return { databaseUrl: undefined, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
}
