import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError, ConflictError, NotFoundError, isUniqueViolation } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { optionalText, requiredIfGiven } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { insertOf, pickColumns, updateOf } from '../../shared/columns.js';
import { PARTNER_COLUMNS, PARTNER_TABLE, type PartnerRecord } from './partner.columns.js';
import type { CreatePartnerInput, UpdatePartnerInput } from './partner.inputs.js';
import { toPartner } from './partner.service.js';
import type { Partner } from './partner.types.js';

/** The columns a create or update sets, in statement order (and what the audit log records). */
const WRITTEN = [
  'name',
  'kind',
  'scope',
  'website',
  'description',
  'municipalityCode',
] as const satisfies readonly (keyof PartnerRecord)[];
type PartnerValues = Pick<PartnerRecord, (typeof WRITTEN)[number]>;

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

async function load(ctx: RequestContext, id: string, lock = false): Promise<PartnerRecord | undefined> {
  const [row] = await sql<PartnerRecord>(
    ctx,
    `SELECT ${PARTNER_COLUMNS} FROM partner p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

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
    const insert = insertOf(PARTNER_TABLE, WRITTEN, values);
    const [created] = await sql<PartnerRecord>(
      tx,
      `INSERT INTO partner AS p (${insert.columns}) VALUES (${insert.placeholders}) RETURNING ${PARTNER_COLUMNS}`,
      insert.values,
    ).catch(duplicatePartner);
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Partner',
      entityId: created!.id,
      changes: changesBetween(null, pickColumns(created!, WRITTEN)),
    });
    return toPartner(created!);
  });
}

/** Changes a partner; fields left out stay. Coordinators only. */
export async function updatePartner(ctx: RequestContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
  id = checkId(id, 'id', 'partner');
  return inTransaction(ctx, async (tx) => {
    const before = await load(tx, id, true);
    if (!before) throw new NotFoundError('No partner with this id.', 'id');
    const values: PartnerValues = {
      name: requiredIfGiven(input.name, 'input.name')?.trim() ?? before.name,
      kind: requiredIfGiven(input.kind, 'input.kind') ?? before.kind,
      scope: requiredIfGiven(input.scope, 'input.scope') ?? before.scope,
      website: input.website === undefined ? before.website : (optionalText(input.website) ?? null),
      description: input.description === undefined ? before.description : (optionalText(input.description) ?? null),
      municipalityCode: input.municipalityCode === undefined ? before.municipalityCode : input.municipalityCode,
    };
    await checkPartner(tx, values, id);
    const update = updateOf(PARTNER_TABLE, WRITTEN, values, 1);
    const [after] = await sql<PartnerRecord>(
      tx,
      `UPDATE partner AS p SET ${update.sets}, updated_at = now() WHERE p.id = $1 RETURNING ${PARTNER_COLUMNS}`,
      [id, ...update.values],
    ).catch(duplicatePartner);
    const changes = changesBetween(pickColumns(before, WRITTEN), pickColumns(after!, WRITTEN));
    if (Object.keys(changes).length)
      await recordAudit(tx, { action: 'update', entityType: 'Partner', entityId: id, changes });
    return toPartner(after!);
  });
}
