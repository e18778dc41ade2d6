import type { DataSource } from 'typeorm';
import { ANONYMOUS, inTransaction, sql, type RequestContext, type Role, type Viewer } from '../../shared/context.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { insertOf, pickColumns, selectList } from '../../shared/columns.js';
import { API_TOKEN_COLUMNS, API_TOKEN_TABLE, type ApiTokenRecord } from './auth.columns.js';
import { ApiToken, CreatedApiToken, ViewerInfo } from './auth.types.js';
import { bearerToken, generateToken, hashesEqual, hashToken, isWellFormedToken } from './token.js';

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

// ---- Token administration (coordinators and the token CLI) ----

export interface NewToken {
  name: string;
  role: Role;
  libraryId?: string | null;
}

/** What a coordinator sees of a token: every column but its hash. */
const LISTED = ['id', 'name', 'role', 'libraryId', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;
type ListedToken = Pick<ApiTokenRecord, (typeof LISTED)[number]>;

function toApiToken(r: ListedToken): ApiToken {
  return Object.assign(new ApiToken(), pickColumns(r, LISTED));
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
    const values = { name, role: input.role, libraryId, tokenHash: hashToken(token) };
    const insert = insertOf(API_TOKEN_TABLE, ['name', 'role', 'libraryId', 'tokenHash'], values);
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO api_token (${insert.columns}) VALUES (${insert.placeholders}) RETURNING id`,
      insert.values,
    );
    await recordAudit(tx, {
      action: 'create',
      entityType: 'ApiToken',
      entityId: row!.id,
      // Never the hash.
      changes: changesBetween(null, pickColumns(values, ['name', 'role', 'libraryId'])),
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
    const [row] = await sql<Pick<ApiTokenRecord, 'revokedAt'>>(
      tx,
      `SELECT revoked_at AS "revokedAt" FROM api_token WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError('No API token with this id.', 'id');
    if (row.revokedAt) return true;
    const [updated] = await sql<Pick<ApiTokenRecord, 'revokedAt'>>(
      tx,
      `UPDATE api_token SET revoked_at = now() WHERE id = $1 RETURNING revoked_at AS "revokedAt"`,
      [id],
    );
    await recordAudit(tx, {
      action: 'revoke',
      entityType: 'ApiToken',
      entityId: id,
      changes: changesBetween({ revokedAt: null }, { revokedAt: updated!.revokedAt }),
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
