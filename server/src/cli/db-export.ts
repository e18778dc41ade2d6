import { migrations } from '../db/migrations.js';
import { runMigrations } from '../db/migrate.js';
import {
  appliedMigrations,
  beginSnapshot,
  formatSummaries,
  hasNoTables,
  insertRows,
  listTables,
  nonEmptyTables,
  readRows,
  readSequences,
  requireSameMigrations,
  requireSameSummaries,
  summarizeTable,
  TransferError,
  useUtc,
  writeSequences,
} from '../db/transfer.js';
import { describeUrl } from './cli-support.js';
import { dataDirOption, holdsDatabase, option, runDbCommand, withConnection } from './db-cli.js';

/**
 * `npm run db:export -- --to postgres://…` [--data-dir DIR]: copies the embedded database (server
 * stopped) into an empty PostgreSQL database in one transaction, checks row counts and checksums
 * per table on both sides before committing, and prints the DATABASE_URL to use.
 * A database without tables is migrated first; one with rows, or at another migration, is refused.
 */
runDbCommand('Export', async () => {
  const to = option('to');
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    throw new TransferError('Say where to: npm run db:export -- --to postgres://user:password@host:5432/database');
  }
  const dataDir = dataDirOption();
  if (!holdsDatabase(dataDir))
    throw new TransferError(`There is no embedded database in ${dataDir} (set DATA_DIR or --data-dir).`);
  const target = describeUrl(to);
  const code = migrations.map((m) => m.name);

  await withConnection({ dataDir }, async (source) => {
    const sourceMigrations = await appliedMigrations(source);
    requireSameMigrations(
      { label: 'this version of Temahub', names: code },
      { label: `The embedded database in ${dataDir}`, names: sourceMigrations },
    );
    await withConnection({ databaseUrl: to }, async (sink, sinkDb) => {
      if (await hasNoTables(sink)) {
        const applied = await runMigrations(sinkDb, { queryRunner: sink });
        process.stdout.write(`Migrated ${target} (${applied.length} migrations).\n`);
      }
      requireSameMigrations(
        { label: `the embedded database in ${dataDir}`, names: sourceMigrations },
        { label: `The target ${target}`, names: await appliedMigrations(sink) },
      );
      const tables = await listTables(source);
      const filled = await nonEmptyTables(sink, tables);
      if (filled.length) {
        throw new TransferError(
          `The target ${target} is not empty (rows in ${filled.join(', ')}). Export only into a new, empty database.`,
        );
      }

      await beginSnapshot(source);
      await sink.query('BEGIN');
      await useUtc(sink);
      const expected = [];
      for (const table of tables) {
        for await (const rows of readRows(source, table.name)) await insertRows(sink, table, rows);
        expected.push(await summarizeTable(source, table.name));
      }
      await writeSequences(sink, await readSequences(source));
      const copied = [];
      for (const table of tables) copied.push(await summarizeTable(sink, table.name));
      requireSameSummaries(expected, copied);
      await sink.query('COMMIT');
      await source.query('COMMIT');

      // Once more after the commit, from a fresh snapshot of the target.
      await beginSnapshot(sink);
      const committed = [];
      for (const table of tables) committed.push(await summarizeTable(sink, table.name));
      await sink.query('COMMIT');
      requireSameSummaries(expected, committed);

      process.stdout.write(
        `Exported ${dataDir} to ${target}; row counts and checksums match on both sides:\n${formatSummaries(committed)}\n\n`,
      );
      process.stdout.write(`Start Temahub on PostgreSQL with:\n  DATABASE_URL=${to}\n`);
      process.stdout.write(
        `The embedded database in ${dataDir} is unchanged; keep it until you have checked the server on PostgreSQL.\n`,
      );
    });
  });
});
