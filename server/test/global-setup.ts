import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { entities } from '../src/app/schema.js';
import { databaseUrlFor, newTemplate, usesPostgres, withAdminClient, type TestTemplate } from './support/databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplate: TestTemplate;
  }
}

/** Prepares the template every test file's database is copied from: migrated and seeded once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = newTemplate();
  const log = pino({ level: 'warn' });
  if (usesPostgres) await withAdminClient((c) => c.query(`CREATE DATABASE ${template.database}`));
  const db = await openDatabase({
    databaseUrl: usesPostgres ? databaseUrlFor(template.database) : undefined,
    dataDir: template.dataDir,
    entities,
  });
  await prepareDatabase(db, { seedDemo: true }, log);
  await closeDatabase(db);
  project.provide('testTemplate', template);
  return async () => {
    if (usesPostgres)
      await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${template.database} WITH (FORCE)`));
    else await rm(template.dataDir, { recursive: true, force: true });
  };
}
