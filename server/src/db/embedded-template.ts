import { closeSync, createReadStream, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPGlite } from './pglite-pool.js';

/**
 * The embedded database's starting point: a data directory after initdb and every migration of
 * its time, as a PGlite dump (`dumpDataDir`, a gzipped tar), committed as
 * migrations/embedded-template.tar.gz and regenerated with `npm run embedded:template`.
 *
 * Why: PGlite's initdb runs a second PostgreSQL instance plus the initdb program inside the
 * server process, which took a new installation's first start to about 820 MB RSS. Starting from
 * the dump needs neither. The dump is committed rather than built by `npm start`, so that a
 * newcomer's machine never runs initdb at all (the build would run it in a process of its own,
 * but at the same peak) and a Docker image or `npm start --ignore-scripts` gets it too.
 *
 * A dump older than the newest migration is still correct: the migration runner applies what it
 * lacks at first start, as it does for any database. Without the file, PGlite runs initdb.
 */
const FILE = 'embedded-template.tar.gz';

/** migrations/ at the project root, seen from server/src/db (sources) and dist/server/src/db (build). */
const CANDIDATES = ['../../../migrations/', '../../../../migrations/'].map((dir) =>
  fileURLToPath(new URL(dir + FILE, import.meta.url)),
);

/** Where `npm run embedded:template` writes the dump: the project's migrations/ folder. */
export function embeddedTemplatePath(): string {
  const root = CANDIDATES.map((candidate) => path.dirname(path.dirname(candidate))).find((dir) =>
    existsSync(path.join(dir, 'package.json')),
  );
  if (!root) throw new Error('cannot find the project root (the folder with package.json)');
  return path.join(root, 'migrations', FILE);
}

/**
 * Unpacks the dump into `dataDir` when it holds no database yet (no PG_VERSION) and the dump
 * exists; returns whether it did. Streams the tar straight to disk (PGlite's own `loadDataDir`
 * would hold the unpacked directory in memory, some 100 MB more at the peak). PG_VERSION, by
 * which PostgreSQL recognises a data directory, is written last, so an interrupted unpack is
 * simply done again at the next start.
 */
export async function unpackEmbeddedTemplate(dataDir: string): Promise<boolean> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  const file = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!file) return false;
  const pgVersion = await extractTar(createReadStream(file).pipe(createGunzip()), dataDir, 'PG_VERSION');
  if (!pgVersion) throw new Error(`${file} is not a PostgreSQL data directory (no PG_VERSION)`);
  writeFileSync(path.join(dataDir, 'PG_VERSION'), pgVersion);
  return true;
}

const BLOCK = 512;

/**
 * A minimal reader of the tar files PGlite's dumpDataDir writes (ustar, regular files and
 * directories only): writes every entry under `dir` except the (small) file `holdBack`, whose
 * content it returns.
 */
async function extractTar(input: AsyncIterable<Buffer>, dir: string, holdBack: string): Promise<Buffer | undefined> {
  let header = Buffer.alloc(0);
  let heldBack: Buffer | undefined;
  /** The current file body: bytes still to write, padding after it, and where it goes. */
  let body: { remaining: number; padding: number; fd?: number; held?: Buffer[] } | undefined;
  const finishBody = () => {
    if (body?.fd !== undefined) closeSync(body.fd);
    if (body?.held) heldBack = Buffer.concat(body.held);
  };
  for await (const chunk of input) {
    let at = 0;
    while (at < chunk.length) {
      if (body) {
        const take = Math.min(body.remaining + body.padding, chunk.length - at);
        const data = Math.min(take, body.remaining);
        if (data > 0) {
          const slice = chunk.subarray(at, at + data);
          if (body.fd !== undefined) writeSync(body.fd, slice);
          else body.held!.push(Buffer.from(slice));
        }
        body.remaining -= data;
        body.padding -= take - data;
        at += take;
        if (body.remaining === 0 && body.padding === 0) {
          finishBody();
          body = undefined;
        }
        continue;
      }
      const need = BLOCK - header.length;
      header = Buffer.concat([header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (header.length < BLOCK) continue;
      const block = header;
      header = Buffer.alloc(0);
      if (block.every((byte) => byte === 0)) continue; // the end-of-archive blocks
      const field = (from: number, length: number) =>
        block
          .subarray(from, from + length)
          .toString('utf8')
          .replace(/\0.*$/s, '');
      const prefix = field(345, 155);
      const name = path.posix.normalize(`${prefix ? `${prefix}/` : ''}${field(0, 100)}`).replace(/^\/+/, '');
      if (name.split('/').includes('..')) throw new Error(`unsafe path in tar: ${name}`);
      const size = parseInt(field(124, 12).trim() || '0', 8);
      const type = field(156, 1) || '0';
      if (type === '5') {
        mkdirSync(path.join(dir, name), { recursive: true });
        continue;
      }
      if (type !== '0') throw new Error(`unexpected tar entry type ${type} for ${name}`);
      const destination = path.join(dir, name);
      mkdirSync(path.dirname(destination), { recursive: true });
      body = {
        remaining: size,
        padding: (BLOCK - (size % BLOCK)) % BLOCK,
        ...(name === holdBack ? { held: [] } : { fd: openSync(destination, 'w') }),
      };
      if (size === 0) {
        finishBody();
        body = undefined;
      }
    }
  }
  if (body) throw new Error('the tar file ends inside an entry');
  return heldBack;
}

/**
 * Builds the dump: initdb (PGlite's own) and every migration in a new directory, then a
 * checkpoint, and writes it to `out`. `migrate` runs the migrations on the directory given.
 */
export async function writeEmbeddedTemplate(out: string, migrate: (dataDir: string) => Promise<void>): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-embedded-template-'));
  try {
    await migrate(dataDir);
    const db = await createPGlite(dataDir);
    try {
      await db.exec('CHECKPOINT');
      const dump = await db.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      await writeFile(out, bytes);
      return bytes.length;
    } finally {
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
