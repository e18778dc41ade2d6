import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { restoreBackup } from '../db/backup.js';
import { runMigrations } from '../db/migrate.js';
import { formatSummaries, TransferError } from '../db/transfer.js';
import { dataDirOption, isEmptyDir, option, runDbCommand, withConnection } from './db-cli.js';
import { fileLines, readLastLine } from './backup-file.js';

/**
 * `npm run db:restore -- --from FILE` [--data-dir DIR]: restores a backup into an empty data
 * directory (DATA_DIR, default .data): migrates it, loads every table in one transaction and
 * checks row counts and checksums against the backup before committing.
 */
runDbCommand('Restore', async () => {
  const from = option('from');
  if (!from) throw new TransferError('Say which backup: npm run db:restore -- --from FILE');
  const file = resolve(from);
  if (!existsSync(file)) throw new TransferError(`There is no file ${file}.`);
  if (!(await readLastLine(file)).includes('"end":true'))
    throw new TransferError(`${file} is not a complete Temahub backup (its last line is not the end marker).`);
  const dataDir = dataDirOption();
  if (!isEmptyDir(dataDir)) {
    throw new TransferError(
      `${dataDir} is not empty. Restore into a new or empty directory (set DATA_DIR or --data-dir), then point the server at it.`,
    );
  }
  try {
    const restored = await withConnection({ dataDir }, async (q, db) => {
      await runMigrations(db, { queryRunner: q });
      return restoreBackup(q, fileLines(file), `This version of Temahub`);
    });
    process.stdout.write(
      `Restored ${file} into ${dataDir}; row counts and checksums match the backup:\n${formatSummaries(restored)}\n`,
    );
    process.stdout.write(`Start the server on it with DATA_DIR=${dataDir}.\n`);
  } catch (err) {
    // Leave the directory as empty as it was, so that a second attempt can use it.
    if (existsSync(dataDir))
      for (const entry of await readdir(dataDir)) await rm(join(dataDir, entry), { recursive: true, force: true });
    throw err;
  }
});
