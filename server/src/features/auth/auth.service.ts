import type { DataSource } from 'typeorm';
import { ANONYMOUS, inTransaction, sql, type RequestContext, type Role, type Viewer } from '../../shared/context.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { ApiToken, CreatedApiToken, ViewerInfo } from './auth.types.js';
import { bearerToken, generateToken, hashesEqual, hashToken, isWellFormedToken } from './token.js';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  library_id: string | null;
  token_hash: string;
  revoked_at: Date | null;
  /** last_used_at is older than LAST_USED_RESOLUTION_S (or unset): time to write it again. */
  last_used_stale: boolean;
}

/** last_used_at is written at most this often per token (seconds), so reads do not turn into writes. */
const LAST_USED_RESOLUTION_S = 60;

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
    `SELECT id, name, role, library_id, token_hash, revoked_at,
            (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS last_used_stale
       FROM api_token WHERE token_hash = $1`,
    [hash, LAST_USED_RESOLUTION_S],
  )) as TokenRow[];
  const row = rows[0];
  if (!row || !hashesEqual(row.token_hash, hash) || row.revoked_at !== null) throw new UnauthenticatedError();
  // Awaited, so that the write is part of the request: on the embedded database (one connection)
  // a write left running after the response would queue in front of the next request. It costs a
  // statement only once a minute per token; the WHERE keeps concurrent requests from writing twice.
  // Bookkeeping only: a failure here must not turn a valid token into an error.
  if (row.last_used_stale) {
    await db
      .query(
        `UPDATE api_token SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
        [row.id, LAST_USED_RESOLUTION_S],
      )
      .catch(() => undefined);
  }
  return { role: row.role, tokenId: row.id, tokenName: row.name, libraryId: row.library_id };
}

// ---- Token administration (coordinators and the token CLI) ----

export interface NewToken {
  name: string;
  role: Role;
  libraryId?: string | null;
}

function toApiToken(r: {
  id: string;
  name: string;
  role: Role;
  library_id: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiToken {
  return Object.assign(new ApiToken(), {
    id: r.id,
    name: r.name,
    role: r.role,
    libraryId: r.library_id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  });
}

/**
 * Creates a token and returns it once; only its SHA-256 is stored. A LIBRARY_STAFF token needs
 * the id of an existing library; other roles take none. The caller has checked who may do this
 * (coordinators through the API; the CLI is run by whoever operates the server).
 */
export async function issueApiToken(
  ctx: RequestContext,
  input: NewToken,
  fields = { name: 'input.name', libraryId: 'input.libraryId' },
): Promise<CreatedApiToken> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200)
    throw new BadUserInputError('The token name must be 1–200 characters.', fields.name);
  const libraryId = input.libraryId ?? null;
  if (input.role === 'LIBRARY_STAFF') {
    if (!libraryId)
      throw new BadUserInputError('A LIBRARY_STAFF token needs the library it acts for.', fields.libraryId);
    checkId(libraryId, fields.libraryId, 'library');
  } else if (libraryId) {
    throw new BadUserInputError(
      `Only LIBRARY_STAFF tokens belong to a library; leave the library out for ${input.role}.`,
      fields.libraryId,
    );
  }
  const token = generateToken();
  return inTransaction(ctx, async (tx) => {
    if (libraryId) {
      const found = await sql(tx, `SELECT 1 FROM library WHERE id = $1`, [libraryId]);
      if (!found.length) throw new BadUserInputError('No library with this id.', fields.libraryId);
    }
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO api_token (name, role, library_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [name, input.role, libraryId, hashToken(token)],
    );
    await recordAudit(tx, {
      action: 'create',
      entityType: 'ApiToken',
      entityId: row!.id,
      changes: changesBetween(null, { name, role: input.role, libraryId }),
    });
    return Object.assign(new CreatedApiToken(), { id: row!.id, name, role: input.role, token });
  });
}

/**
 * Revokes a token at once: its next request gets UNAUTHENTICATED. Revoking twice is harmless.
 * Coordinators only: the resolver's `@Authorized('COORDINATOR')` checks that.
 */
export async function revokeApiToken(ctx: RequestContext, id: string): Promise<boolean> {
  checkId(id, 'id', 'API token');
  return inTransaction(ctx, async (tx) => {
    const [row] = await sql<{ revoked_at: Date | null }>(
      tx,
      `SELECT revoked_at FROM api_token WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError('No API token with this id.', 'id');
    if (row.revoked_at) return true;
    const [updated] = await sql<{ revoked_at: Date }>(
      tx,
      `UPDATE api_token SET revoked_at = now() WHERE id = $1 RETURNING revoked_at`,
      [id],
    );
    await recordAudit(tx, {
      action: 'revoke',
      entityType: 'ApiToken',
      entityId: id,
      changes: changesBetween({ revokedAt: null }, { revokedAt: updated!.revoked_at }),
    });
    return true;
  });
}

/**
 * All tokens, newest first (revoked ones only when asked). Coordinators only: the resolver's
 * `@Authorized('COORDINATOR')` checks that.
 */
export async function listApiTokens(
  ctx: RequestContext,
  options: { includeRevoked?: boolean | null } = {},
): Promise<ApiToken[]> {
  const rows = await sql<Parameters<typeof toApiToken>[0]>(
    ctx,
    `SELECT id, name, role, library_id, created_at, last_used_at, revoked_at FROM api_token
      WHERE $1::boolean OR revoked_at IS NULL
      ORDER BY created_at DESC, id`,
    [Boolean(options.includeRevoked)],
  );
  return rows.map(toApiToken);
}

/** Who the caller is. */
export function viewerInfo(ctx: RequestContext): ViewerInfo {
  const v = ctx.viewer;
  return Object.assign(new ViewerInfo(), {
    role: v.role,
    tokenName: v.tokenName,
    tokenId: v.tokenId,
    libraryId: v.libraryId,
  });
}
