import { inTransaction, sql, type RequestContext, type Role } from '../../shared/context.js';
import { insertOf, pickColumns } from '../../shared/columns.js';
import { BadUserInputError, NotFoundError } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { API_TOKEN_TABLE, type ApiTokenRecord } from './auth.columns.js';
import { CreatedApiToken } from './auth.types.js';
import { generateToken, hashToken } from './token.js';

/** The write side of API tokens: issue (the API and the token CLI) and revoke. */

export interface NewToken {
  name: string;
  role: Role;
  libraryId?: string | null;
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
