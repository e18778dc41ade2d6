import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey } from '../../shared/loaders.js';
import type { Partner } from './partner.types.js';
import { partnersByIds } from './partner.service.js';

/** Partner by id. */
export const partnerLoader = (ctx: RequestContext) =>
  new DataLoader<string, Partner | null>(async (ids) => byKey(ids, await partnersByIds(ctx, ids), (p) => p.id));
