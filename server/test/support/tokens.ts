import type { DataSource } from 'typeorm';
import { generateToken, hashToken } from '../../src/features/auth/index.js';

export type TestRole = 'PARTNER' | 'LIBRARY_STAFF' | 'COORDINATOR';

/** Issues a token straight into the database (the CLI and mutations have their own tests). */
export async function issueToken(
  db: DataSource,
  role: TestRole,
  options: { libraryId?: string; name?: string } = {},
): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const [row] = (await db.query(
    `INSERT INTO api_token (name, role, library_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [options.name ?? `test ${role.toLowerCase()}`, role, options.libraryId ?? null, hashToken(token)],
  )) as { id: string }[];
  return { id: row!.id, token };
}

/** The id of the main library of a municipality (ISIL DK-7<code>00). */
export async function mainLibraryId(db: DataSource, municipalityCode: number): Promise<string> {
  const [row] = (await db.query(`SELECT id FROM library WHERE isil = $1`, [`DK-7${municipalityCode}00`])) as {
    id: string;
  }[];
  if (!row) throw new Error(`no main library for municipality ${municipalityCode}`);
  return row.id;
}
