import type { DataSource } from 'typeorm';
import { ANONYMOUS, sql, type RequestContext, type Viewer } from '../../shared/context.js';
import { UnauthenticatedError } from '../../shared/errors.js';
import { pickColumns, selectList } from '../../shared/columns.js';
import { API_TOKEN_COLUMNS, API_TOKEN_TABLE, type ApiTokenRecord } from './auth.columns.js';
import { ApiToken, ViewerInfo } from './auth.types.js';
import { bearerToken, hashesEqual, hashToken, isWellFormedToken } from './token.js';

type TokenRow = ApiTokenRecord & {
  /** last_used_at is older than LAST_USED_RESOLUTION_S (or unset): time to write it again. */
  lastUsedStale: boolean;
};

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
    `SELECT ${API_TOKEN_COLUMNS},
            (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS "lastUsedStale"
       FROM api_token WHERE token_hash = $1`,
    [hash, LAST_USED_RESOLUTION_S],
  )) as TokenRow[];
  const row = rows[0];
  if (!row || !hashesEqual(row.tokenHash, hash) || row.revokedAt !== null) throw new UnauthenticatedError();
  // Awaited, so that the write is part of the request: on the embedded database (one connection)
  // a write left running after the response would queue in front of the next request. It costs a
  // statement only once a minute per token; the WHERE keeps concurrent requests from writing twice.
  // Bookkeeping only: a failure here must not turn a valid token into an error.
  if (row.lastUsedStale) {
    await db
      .query(
        `UPDATE api_token SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
        [row.id, LAST_USED_RESOLUTION_S],
      )
      .catch(() => undefined);
  }
  return { role: row.role, tokenId: row.id, tokenName: row.name, libraryId: row.libraryId };
}

// ---- Token administration (the writes are in auth.mutation.service.ts) ----

/** What a coordinator sees of a token: every column but its hash. */
const LISTED = ['id', 'name', 'role', 'libraryId', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;
type ListedToken = Pick<ApiTokenRecord, (typeof LISTED)[number]>;

function toApiToken(r: ListedToken): ApiToken {
  return Object.assign(new ApiToken(), pickColumns(r, LISTED));
}

/**
 * All tokens, newest first (revoked ones only when asked). Coordinators only: the resolver's
 * `@Authorized('COORDINATOR')` checks that.
 */
export async function listApiTokens(
  ctx: RequestContext,
  options: { includeRevoked?: boolean | null } = {},
): Promise<ApiToken[]> {
  const rows = await sql<ListedToken>(
    ctx,
    `SELECT ${selectList(pickColumns(API_TOKEN_TABLE, LISTED))} FROM api_token
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
