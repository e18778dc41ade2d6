import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations.js';
import { createPGlite } from './pglite-pool.js';
import { unpackEmbeddedTemplate } from './embedded-template.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'temahub-template-spec-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the embedded template (migrations/embedded-template.tar.gz)', () => {
  it('unpacks into a new data directory that PGlite opens without initdb, with migrations of this code base applied', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'leftover.lock'), 'kept');
    expect(await unpackEmbeddedTemplate(dir)).toBe(true);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dir, 'leftover.lock'))).toBe(true);
    const db = await createPGlite(dir);
    try {
      const { rows } = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      // Oldest first and all known here; migrations added since it was written run at first start.
      const names = migrations.map((m) => m.name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.name)).toEqual(names.slice(0, rows.length));
      const { rows: settings } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(settings).toEqual([{ shared_buffers: '16MB' }]);
    } finally {
      await db.close();
    }
  });

  it('leaves a data directory that already holds a database alone', async () => {
    const dir = await tempDir();
    await unpackEmbeddedTemplate(dir);
    const before = await readdir(dir);
    await writeFile(path.join(dir, 'PG_VERSION'), '17\n');
    expect(await unpackEmbeddedTemplate(dir)).toBe(false);
    expect(await readdir(dir)).toEqual(before);
  });
});
