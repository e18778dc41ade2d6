import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError, ConflictError, NotFoundError, isUniqueViolation } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { optionalText, requiredIfGiven } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { PartnerEntity } from './partner.entity.js';
import type { CreatePartnerInput, UpdatePartnerInput } from './partner.inputs.js';
import { toPartner } from './partner.service.js';
import type { Partner } from './partner.types.js';

interface PartnerValues {
  name: string;
  kind: string;
  scope: string;
  website: string | null;
  description: string | null;
  municipalityCode: number | null;
}

function snapshot(e: PartnerEntity): PartnerValues {
  return {
    name: e.name,
    kind: e.kind,
    scope: e.scope,
    website: e.website,
    description: e.description,
    municipalityCode: e.municipalityCode,
  };
}

/** Business rules shared by create and update: a local partner has a known municipality; names are unique per municipality. */
async function checkPartner(ctx: RequestContext, v: PartnerValues, exceptId?: string): Promise<void> {
  if (v.scope === 'LOCAL' && v.municipalityCode === null) {
    throw new BadUserInputError('A LOCAL partner needs the code of its municipality.', 'input.municipalityCode');
  }
  if (v.municipalityCode !== null) {
    const [m] = await sql(ctx, `SELECT 1 FROM municipality WHERE code = $1`, [v.municipalityCode]);
    if (!m)
      throw new BadUserInputError(
        `There is no municipality with code ${v.municipalityCode}.`,
        'input.municipalityCode',
      );
  }
  const [dup] = await sql(
    ctx,
    `SELECT 1 FROM partner WHERE lower(name) = lower($1) AND coalesce(municipality_code, 0) = coalesce($2::int, 0) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [v.name, v.municipalityCode, exceptId ?? null],
  );
  if (dup)
    throw new ConflictError(
      `There is already a partner named "${v.name}"${v.municipalityCode ? ' in this municipality' : ''}.`,
      'input.name',
    );
}

function duplicatePartner(err: unknown): never {
  if (isUniqueViolation(err))
    throw new ConflictError('A partner with this name was created at the same time.', 'input.name');
  throw err;
}

const load = (ctx: RequestContext, id: string) => ctx.tx!.getRepository(PartnerEntity).findOneBy({ id });

/** Creates a partner. Coordinators only. */
export async function createPartner(ctx: RequestContext, input: CreatePartnerInput): Promise<Partner> {
  const values: PartnerValues = {
    name: input.name.trim(),
    kind: input.kind,
    scope: input.scope,
    website: optionalText(input.website) ?? null,
    description: optionalText(input.description) ?? null,
    municipalityCode: input.municipalityCode ?? null,
  };
  return inTransaction(ctx, async (tx) => {
    await checkPartner(tx, values);
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO partner (name, kind, scope, website, description, municipality_code) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [values.name, values.kind, values.scope, values.website, values.description, values.municipalityCode],
    ).catch(duplicatePartner);
    const created = (await load(tx, row!.id))!;
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Partner',
      entityId: created.id,
      changes: changesBetween(null, { ...snapshot(created) }),
    });
    return toPartner(created);
  });
}

/** Changes a partner; fields left out stay. Coordinators only. */
export async function updatePartner(ctx: RequestContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
  id = checkId(id, 'id', 'partner');
  return inTransaction(ctx, async (tx) => {
    const [locked] = await sql(tx, `SELECT 1 FROM partner WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked) throw new NotFoundError('No partner with this id.', 'id');
    const before = (await load(tx, id))!;
    const values: PartnerValues = {
      name: requiredIfGiven(input.name, 'input.name')?.trim() ?? before.name,
      kind: requiredIfGiven(input.kind, 'input.kind') ?? before.kind,
      scope: requiredIfGiven(input.scope, 'input.scope') ?? before.scope,
      website: input.website === undefined ? before.website : (optionalText(input.website) ?? null),
      description: input.description === undefined ? before.description : (optionalText(input.description) ?? null),
      municipalityCode: input.municipalityCode === undefined ? before.municipalityCode : input.municipalityCode,
    };
    await checkPartner(tx, values, id);
    await sql(
      tx,
      `UPDATE partner SET name = $2, kind = $3, scope = $4, website = $5, description = $6, municipality_code = $7, updated_at = now() WHERE id = $1`,
      [id, values.name, values.kind, values.scope, values.website, values.description, values.municipalityCode],
    ).catch(duplicatePartner);
    const after = (await load(tx, id))!;
    const changes = changesBetween({ ...snapshot(before) }, { ...snapshot(after) });
    if (Object.keys(changes).length)
      await recordAudit(tx, { action: 'update', entityType: 'Partner', entityId: id, changes });
    return toPartner(after);
  });
}
