import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Viewer } from '../../shared/context.js';
import { UnauthenticatedError } from '../../shared/errors.js';

/**
 * The viewer behind an Authorization header: anonymous without one.
 * Placeholder until API tokens land (issue 4): every presented token is unknown.
 */
export async function resolveViewer(_db: DataSource, authorization: string | undefined): Promise<Viewer> {
  if (!authorization) return ANONYMOUS;
  throw new UnauthenticatedError();
}
