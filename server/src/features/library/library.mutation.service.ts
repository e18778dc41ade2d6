import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError, ConflictError, isUniqueViolation } from '../../shared/errors.js';
import { optionalText } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { insertOf, pickColumns } from '../../shared/columns.js';
import { LIBRARY_COLUMNS, LIBRARY_TABLE, type LibraryRecord } from './library.columns.js';
import type { CreateLibraryInput } from './library.inputs.js';
import { toLibrary } from './library.service.js';
import type { Library } from './library.types.js';

/** The columns a library's creation sets (and the audit log records). */
const WRITTEN = [
  'name',
  'municipalityCode',
  'isil',
  'isCentralLibrary',
  'address',
  'postalCode',
  'city',
  'latitude',
  'longitude',
  'website',
  'email',
] as const satisfies readonly (keyof LibraryRecord)[];
type Written = (typeof WRITTEN)[number];

/** Creates a library. Coordinators only. A taken ISIL gives CONFLICT. */
export async function createLibrary(ctx: RequestContext, input: CreateLibraryInput): Promise<Library> {
  const isil = input.isil ?? null;
  // A public library's ISIL carries its municipality code: DK-7 + code + branch.
  if (isil?.startsWith('DK-7') && isil.slice(4, 7) !== String(input.municipalityCode).padStart(3, '0')) {
    throw new BadUserInputError(
      `A public library's ISIL is DK-7 + the municipality code + a branch number; for municipality ${input.municipalityCode} it starts with DK-7${input.municipalityCode}.`,
      'input.isil',
    );
  }
  // Both or neither: checked on the input (IsLatitude/IsLongitude).
  const latitude = input.latitude ?? null;
  const longitude = input.longitude ?? null;
  return inTransaction(ctx, async (tx) => {
    const [m] = await sql(tx, `SELECT 1 FROM municipality WHERE code = $1`, [input.municipalityCode]);
    if (!m)
      throw new BadUserInputError(
        `There is no municipality with code ${input.municipalityCode}.`,
        'input.municipalityCode',
      );
    if (isil) {
      const [taken] = await sql<{ name: string }>(tx, `SELECT name FROM library WHERE isil = $1`, [isil]);
      if (taken) throw new ConflictError(`The ISIL ${isil} already belongs to ${taken.name}.`, 'input.isil');
    }
    const values: Pick<LibraryRecord, Written> = {
      name: input.name.trim(),
      municipalityCode: input.municipalityCode,
      isil,
      isCentralLibrary: input.isCentralLibrary ?? false,
      address: optionalText(input.address) ?? null,
      postalCode: input.postalCode ?? null,
      city: optionalText(input.city) ?? null,
      latitude,
      longitude,
      website: optionalText(input.website) ?? null,
      email: optionalText(input.email) ?? null,
    };
    const insert = insertOf(LIBRARY_TABLE, WRITTEN, values);
    const [created] = await sql<LibraryRecord>(
      tx,
      `INSERT INTO library AS l (${insert.columns}) VALUES (${insert.placeholders}) RETURNING ${LIBRARY_COLUMNS}`,
      insert.values,
    ).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new ConflictError(`The ISIL ${isil} was taken at the same time.`, 'input.isil');
      throw err;
    });
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Library',
      entityId: created!.id,
      changes: changesBetween(null, pickColumns(created!, WRITTEN)),
    });
    return toLibrary(created!);
  });
}
