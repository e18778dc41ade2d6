import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usesPostgres, type TestDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { runCliTool } from './support/cli.js';
import { answers, writeThroughApi, type SeasonWrites } from './support/season-writes.js';

/**
 * `db:backup` and `db:restore` of the embedded database: a backup taken through the running
 * server (GET /admin/backup) of the demo season plus API writes, restored into an empty data
 * directory, gives a server that answers every query as before. Runs in the embedded pass.
 */
// Each test runs command-line tools and servers: generous time on a loaded machine.
describe.skipIf(usesPostgres)('db:backup and db:restore of the embedded database', { timeout: 180_000 }, () => {
  let work: string;
  let server: TestServer;
  let writes: SeasonWrites;
  let before: Record<string, unknown>;
  let file: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'temahub-backup-'));
    file = path.join(work, 'season.jsonl');
    server = await startTestServer();
    writes = await writeThroughApi(server);
    before = await answers(server, writes);
  });
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('backs up through the running server with a coordinator token', async () => {
    const res = await runCliTool('db-backup', ['--to', file, '--server', server.url], {
      TEMAHUB_TOKEN: writes.coordinator,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'temahub-backup', version: 1 });
    const tables = lines.filter((l) => l.startsWith('{"table":')).map((l) => JSON.parse(l).table);
    expect(tables).toEqual(
      expect.arrayContaining(['theme', 'activity', 'activity_partner', 'registration', 'api_token', 'audit_event']),
    );
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ end: true, tables: tables.length });
    expect(existsSync(`${file}.partial`)).toBe(false);
    // The server kept answering while and after it served the backup.
    expect(await answers(server, writes)).toEqual(before);
  });

  it('gives the backup to coordinators only', async () => {
    const anonymous = await fetch(`${server.url}/admin/backup`);
    expect(anonymous.status).toBe(401);
    const partner = (await issueToken(server.db, 'PARTNER', { name: 'DR' })).token;
    const res = await fetch(`${server.url}/admin/backup`, { headers: { authorization: `Bearer ${partner}` } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Backups are for coordinators only; this token has another role.\n');
    const cli = await runCliTool('db-backup', ['--to', path.join(work, 'denied.jsonl'), '--server', server.url], {
      TEMAHUB_TOKEN: partner,
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^Backup failed: The server answered 403: Backups are for coordinators only/);
    expect(existsSync(path.join(work, 'denied.jsonl'))).toBe(false);
    await server.db.query(`DELETE FROM api_token WHERE name = 'DR'`);
  });

  it('refuses to open the data directory behind the running server, and says how instead', async () => {
    const res = await runCliTool('db-backup', ['--to', path.join(work, 'direct.jsonl')], {
      DATA_DIR: server.config.dataDir,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^Backup failed: Data directory .* is in use by process \d+ .*back up through it with --server/,
    );
  });

  it('restores into an empty data directory and the server there answers as before, with the old tokens', async () => {
    const dataDir = path.join(work, 'restored');
    const res = await runCliTool('db-restore', ['--from', file], { DATA_DIR: dataDir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^\s+audit_event\s+[1-9]\d* rows\s+md5 [0-9a-f]{32}$/m);
    // Backed up again straight after the restore (before a server uses the tokens and notes
    // their last use), the restored directory holds exactly the rows of the backup.
    const again = path.join(work, 'again.jsonl');
    expect((await runCliTool('db-backup', ['--to', again], { DATA_DIR: dataDir })).code).toBe(0);
    const rowsOf = async (f: string) =>
      (await readFile(f, 'utf8'))
        .split('\n')
        .filter((l) => !l.startsWith('{"format"'))
        .join('\n');
    expect(await rowsOf(again)).toBe(await rowsOf(file));
    const restored = await startTestServer({
      database: { databaseUrl: undefined, dataDir, drop: async () => undefined } satisfies TestDatabase,
    });
    try {
      expect(await answers(restored, writes)).toEqual(before);
    } finally {
      await restored.stop();
    }
  });

  it('refuses a directory that is not empty, and an incomplete backup', async () => {
    const notEmpty = await runCliTool('db-restore', ['--from', file], { DATA_DIR: server.config.dataDir });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(/^Restore failed: .* is not empty\. Restore into a new or empty directory/);

    const cut = path.join(work, 'cut.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(cut, lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
    const res = await runCliTool('db-restore', ['--from', cut], { DATA_DIR: path.join(work, 'from-cut') });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `Restore failed: ${cut} is not a complete Temahub backup (its last line is not the end marker).\n`,
    );
    expect(existsSync(path.join(work, 'from-cut'))).toBe(false);
  });
});
