import { In } from 'typeorm';
import { database, type RequestContext } from '../../shared/context.js';
import type { PartnerKind, PartnerScope } from '../../shared/enums.js';
import { PartnerEntity } from './partner.entity.js';
import { Partner } from './partner.types.js';

export function toPartner(e: PartnerEntity): Partner {
  return Object.assign(new Partner(), {
    id: e.id,
    name: e.name,
    kind: e.kind as PartnerKind,
    scope: e.scope as PartnerScope,
    website: e.website,
    description: e.description,
    municipalityCode: e.municipalityCode,
  });
}

export async function partnersByIds(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
  const rows = await database(ctx)
    .getRepository(PartnerEntity)
    .findBy({ id: In([...ids]) });
  return rows.map(toPartner);
}

export async function listPartners(
  ctx: RequestContext,
  filter: { kind?: PartnerKind | null; scope?: PartnerScope | null },
): Promise<Partner[]> {
  const where: Record<string, string> = {};
  if (filter.kind) where.kind = filter.kind;
  if (filter.scope) where.scope = filter.scope;
  const rows = await database(ctx)
    .getRepository(PartnerEntity)
    .find({ where, order: { name: 'ASC', id: 'ASC' } });
  return rows.map(toPartner);
}
