import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppSchema } from '../app/schema.js';
import { schemaToSdl } from '../app/schema-sdl.js';

/**
 * Writes schema/schema.graphql from the code. With --check it writes nothing and exits 1 when
 * the committed file differs (CI).
 */
async function main(): Promise<void> {
  const target = path.resolve('schema/schema.graphql');
  const sdl = schemaToSdl(await buildAppSchema());
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== sdl) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date.\n');
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((err) => {
  process.stderr.write(`schema: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
