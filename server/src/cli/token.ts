import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../db/data-source.js';
import { runMigrations } from '../db/migrate.js';
import { createRequestContext } from '../shared/context.js';
import { DomainError } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { issueApiToken } from '../features/auth/index.js';

/**
 * Creates an API token and prints it as the last line of output:
 *
 *   npm run token -- --role COORDINATOR --name "Aalborg Bibliotekerne, koordinator"
 *   npm run token -- --role LIBRARY_STAFF --library DK-775100 [--name "..."]
 *   npm run token -- --role PARTNER --name "DR Skole"
 *
 * Uses DATABASE_URL, or without it the embedded database in DATA_DIR (default ./.data), and
 * applies pending migrations first. Errors are one line on stderr and a non-zero exit code.
 */

const USAGE =
  'usage: npm run token -- --role COORDINATOR|PARTNER --name "<name>" | --role LIBRARY_STAFF --library <library id or ISIL> [--name "<name>"]';
const ROLES = ['PARTNER', 'LIBRARY_STAFF', 'COORDINATOR'] as const;
type Role = (typeof ROLES)[number];

class UsageError extends Error {}

interface Options {
  role: Role;
  name: string | undefined;
  library: string | undefined;
}

function parseOptions(argv: string[]): Options {
  let values: { role?: string; name?: string; library?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        library: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}; ${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const role = values.role?.trim().toUpperCase();
  if (!role) throw new UsageError(`--role is required; ${USAGE}`);
  if (!(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`);
  const library = values.library?.trim() || undefined;
  if (role === 'LIBRARY_STAFF' && !library)
    throw new UsageError('--library <library id or ISIL, e.g. DK-775100> is required for LIBRARY_STAFF tokens');
  if (role !== 'LIBRARY_STAFF' && library)
    throw new UsageError(`--library is only for LIBRARY_STAFF tokens, not ${role}`);
  const name = values.name?.trim() || undefined;
  if (role !== 'LIBRARY_STAFF' && !name)
    throw new UsageError(`--name "<what the token is for>" is required for ${role} tokens`);
  return { role: role as Role, name, library };
}

/** The library named by id or ISIL (DK-775100). */
async function findLibrary(db: DataSource, ref: string): Promise<{ id: string; name: string }> {
  const isil = ref.toUpperCase();
  let rows: { id: string; name: string }[] = [];
  if (isUuid(ref)) rows = await db.query(`SELECT id, name FROM library WHERE id = $1`, [ref]);
  else if (/^DK-[0-9]{6}$/.test(isil)) rows = await db.query(`SELECT id, name FROM library WHERE isil = $1`, [isil]);
  else throw new UsageError(`--library must be a library id (UUID) or an ISIL like DK-775100, got "${ref}"`);
  if (!rows[0])
    throw new UsageError(`no library with ${isUuid(ref) ? 'id' : 'ISIL'} ${isUuid(ref) ? ref : isil} in this database`);
  return rows[0];
}

function describeTarget(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `embedded database in ${dataDir}`;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const message = err.message.replace(/\s+/g, ' ').trim();
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = resolve(process.env.DATA_DIR?.trim() || './.data');
  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    const applied = await runMigrations(db);
    if (applied.length)
      console.log(`Applied ${applied.length} migration(s) to ${describeTarget(databaseUrl, dataDir)}.`);
    const library = options.library ? await findLibrary(db, options.library) : undefined;
    const name = options.name ?? `${library!.name} – staff`;
    const ctx = createRequestContext({
      requestId: `cli-${randomUUID()}`,
      // Audit events of the CLI name it as the actor; it has no token of its own.
      viewer: { role: null, tokenId: null, tokenName: 'command line', libraryId: null },
      db,
      log: pino({ level: 'silent' }),
    });
    const created = await issueApiToken(
      ctx,
      { name, role: options.role, libraryId: library?.id ?? null },
      { name: '--name', libraryId: '--library' },
    );
    console.log(
      `Created ${created.role} token "${created.name}"${library ? ` for ${library.name}` : ''} (id ${created.id}) in ${describeTarget(databaseUrl, dataDir)}.`,
    );
    console.log('Send it as "Authorization: Bearer <token>". It is shown only now; only its hash is stored:');
    console.log(created.token);
  } finally {
    await closeDatabase(db);
  }
}

main().catch((err: unknown) => {
  const message =
    err instanceof UsageError || err instanceof DomainError
      ? err.message
      : `could not create the token: ${oneLine(err)}`;
  console.error(`token: ${message}`);
  process.exitCode = 1;
});
