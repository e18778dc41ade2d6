import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Role, type Viewer } from '../../shared/context.js';
import { UnauthenticatedError } from '../../shared/errors.js';
import { bearerToken, hashesEqual, hashToken, isWellFormedToken } from './token.js';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  library_id: string | null;
  token_hash: string;
  revoked_at: Date | null;
}

/** last_used_at is written at most this often per token, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The viewer behind an Authorization header: anonymous without one. A malformed header and an
 * unknown or revoked token all get the same UNAUTHENTICATED answer, whatever the reason.
 */
export async function resolveViewer(db: DataSource, authorization: string | undefined): Promise<Viewer> {
  if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
  const token = bearerToken(authorization);
  if (!token || !isWellFormedToken(token)) throw new UnauthenticatedError();
  const hash = hashToken(token);
  const rows = (await db.query(
    `SELECT id, name, role, library_id, token_hash, revoked_at FROM api_token WHERE token_hash = $1`,
    [hash],
  )) as TokenRow[];
  const row = rows[0];
  if (!row || !hashesEqual(row.token_hash, hash) || row.revoked_at !== null) throw new UnauthenticatedError();
  void db
    .query(
      `UPDATE api_token SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [row.id, LAST_USED_RESOLUTION_MS / 1000],
    )
    .catch(() => undefined);
  return { role: row.role, tokenId: row.id, tokenName: row.name, libraryId: row.library_id };
}
