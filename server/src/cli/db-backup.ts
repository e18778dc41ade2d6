import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeBackup } from '../db/backup.js';
import { TransferError } from '../db/transfer.js';
import { dataDirOption, holdsDatabase, option, runDbCommand, withConnection } from './db-cli.js';
import { readLastLine } from './backup-file.js';

/**
 * `npm run db:backup -- --to FILE` [--data-dir DIR]: a consistent backup of the embedded
 * database while the server is stopped. While it runs, back up through it instead:
 * `TEMAHUB_TOKEN=<coordinator token> npm run db:backup -- --to FILE --server http://127.0.0.1:4000`
 * (GET /admin/backup, read from one snapshot). The file appears only when complete.
 */
runDbCommand('Backup', async () => {
  const to = option('to');
  if (!to) throw new TransferError('Say where to: npm run db:backup -- --to FILE');
  const file = resolve(to);
  const partial = `${file}.partial`;
  const server = option('server');
  try {
    if (server) await backupThroughServer(server, partial);
    else await backupDataDir(partial);
    const last = await readLastLine(partial);
    if (!last.includes('"end":true'))
      throw new TransferError('The backup is incomplete (the stream ended early); nothing was written.');
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  process.stdout.write(`Backup written to ${file}. Restore it with: npm run db:restore -- --from ${file}\n`);
});

async function backupDataDir(partial: string): Promise<void> {
  if (process.env.DATABASE_URL) {
    throw new TransferError(
      'DATABASE_URL is set: this command backs up the embedded database. Back up PostgreSQL with pg_dump.',
    );
  }
  const dataDir = dataDirOption();
  if (!holdsDatabase(dataDir))
    throw new TransferError(`There is no embedded database in ${dataDir} (set DATA_DIR or --data-dir).`);
  const out = createWriteStream(partial, { flags: 'wx' });
  await withConnection({ dataDir }, async (q) => {
    await writeBackup(
      q,
      (line) => new Promise<void>((done, fail) => out.write(`${line}\n`, (err) => (err ? fail(err) : done()))),
    );
  });
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
}

async function backupThroughServer(server: string, partial: string): Promise<void> {
  const token = process.env.TEMAHUB_TOKEN;
  if (!token) throw new TransferError('Set TEMAHUB_TOKEN to a coordinator API token to back up through the server.');
  const url = new URL('/admin/backup', server);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new TransferError(`The server answered ${res.status}: ${(await res.text()).trim()}`);
  await pipeline(
    Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
    createWriteStream(partial, { flags: 'wx' }),
  );
}
