import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError, ConflictError, isUniqueViolation } from '../../shared/errors.js';
import { optionalText } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { LibraryEntity } from './library.entity.js';
import type { CreateLibraryInput } from './library.inputs.js';
import { toLibrary } from './library.service.js';
import type { Library } from './library.types.js';

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
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO library (name, municipality_code, isil, is_central_library, address, postal_code, city, latitude, longitude, website, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        input.name.trim(),
        input.municipalityCode,
        isil,
        input.isCentralLibrary ?? false,
        optionalText(input.address) ?? null,
        input.postalCode ?? null,
        optionalText(input.city) ?? null,
        latitude,
        longitude,
        optionalText(input.website) ?? null,
        optionalText(input.email) ?? null,
      ],
    ).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new ConflictError(`The ISIL ${isil} was taken at the same time.`, 'input.isil');
      throw err;
    });
    const created = (await tx.tx!.getRepository(LibraryEntity).findOneBy({ id: row!.id }))!;
    const library = toLibrary(created);
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Library',
      entityId: created.id,
      changes: changesBetween(null, {
        name: created.name,
        municipalityCode: created.municipalityCode,
        isil: created.isil,
        isCentralLibrary: created.isCentralLibrary,
        address: created.address,
        postalCode: created.postalCode,
        city: created.city,
        latitude: created.latitude,
        longitude: created.longitude,
        website: created.website,
        email: created.email,
      }),
    });
    return library;
  });
}
