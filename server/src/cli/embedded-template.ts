import 'reflect-metadata';
import { closeDatabase, openDatabase } from '../db/data-source.js';
import { embeddedTemplatePath, writeEmbeddedTemplate } from '../db/embedded-template.js';
import { runMigrations } from '../db/migrate.js';
import { oneLine } from './cli-support.js';

/**
 * Writes migrations/embedded-template.tar.gz: an embedded data directory after initdb and every
 * migration, from which a new installation starts (see db/embedded-template.ts). Run it after
 * adding a migration and commit the file.
 */
async function main(): Promise<void> {
  const out = embeddedTemplatePath();
  const bytes = await writeEmbeddedTemplate(out, async (dataDir) => {
    const db = await openDatabase({ dataDir, embeddedTemplate: false });
    try {
      await runMigrations(db);
    } finally {
      await closeDatabase(db);
    }
  });
  process.stdout.write(`Embedded template: wrote ${out} (${(bytes / 1024).toFixed(0)} kB).\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Embedded template failed: ${oneLine(err)}\n`);
  process.exitCode = 1;
});
