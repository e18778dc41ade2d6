import { sql, type RequestContext } from '../../shared/context.js';
import type { PartnerKind, PartnerScope } from '../../shared/enums.js';
import { SqlParams } from '../../shared/sql-params.js';
import { PARTNER_COLUMNS, type PartnerRecord } from './partner.columns.js';
import { Partner } from './partner.types.js';

/** The columns toPartner reads (a row selected with PARTNER_COLUMNS has them all). */
export type PartnerFields = Pick<
  PartnerRecord,
  'id' | 'name' | 'kind' | 'scope' | 'website' | 'description' | 'municipalityCode'
>;

export function toPartner(e: PartnerFields): Partner {
  // Assigned one by one (no intermediate object): pages map one per partner link.
  const partner = new Partner();
  partner.id = e.id;
  partner.name = e.name;
  partner.kind = e.kind as PartnerKind;
  partner.scope = e.scope as PartnerScope;
  partner.website = e.website;
  partner.description = e.description;
  partner.municipalityCode = e.municipalityCode;
  return partner;
}

export async function partnersByIds(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
  const rows = await sql<PartnerRecord>(ctx, `SELECT ${PARTNER_COLUMNS} FROM partner p WHERE p.id = ANY($1::uuid[])`, [
    ids,
  ]);
  return rows.map(toPartner);
}

export async function listPartners(
  ctx: RequestContext,
  filter: { kind?: PartnerKind | null; scope?: PartnerScope | null },
): Promise<Partner[]> {
  const p = new SqlParams();
  const conditions: string[] = [];
  if (filter.kind) conditions.push(`p.kind = ${p.add(filter.kind, 'text')}`);
  if (filter.scope) conditions.push(`p.scope = ${p.add(filter.scope, 'text')}`);
  const rows = await sql<PartnerRecord>(
    ctx,
    `SELECT ${PARTNER_COLUMNS} FROM partner p ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY p.name, p.id`,
    p.values,
  );
  return rows.map(toPartner);
}
