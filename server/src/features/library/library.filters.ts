import { Field, ID, InputType, Int } from 'type-graphql';
import { Region } from '../../shared/enums.js';
import { checkId } from '../../shared/ids.js';
import { normalizeSearch } from '../../shared/search.js';

@InputType({ description: 'Narrows a list of libraries; all given fields must hold.' })
export class LibraryFilter {
  @Field(() => Int, { nullable: true, description: 'Only libraries in this municipality (official code, e.g. 851).' })
  municipalityCode?: number | null;

  @Field(() => Region, { nullable: true, description: 'Only libraries in this region.' })
  region?: Region | null;

  @Field(() => ID, { nullable: true, description: 'Only libraries signed up (REGISTERED) for this theme.' })
  participatingInThemeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, town or ISIL code, case-insensitive; at most 200 characters.',
  })
  search?: string | null;
}

export interface NormalizedLibraryFilter {
  municipalityCode?: number;
  region?: Region;
  participatingInThemeId?: string;
  /** An ILIKE pattern with %, _ and \ escaped. */
  pattern?: string;
}

export function normalizeLibraryFilter(
  filter: LibraryFilter | null | undefined,
  prefix = 'filter',
): NormalizedLibraryFilter {
  const out: NormalizedLibraryFilter = {};
  if (!filter) return out;
  if (filter.municipalityCode !== null && filter.municipalityCode !== undefined)
    out.municipalityCode = filter.municipalityCode;
  if (filter.region) out.region = filter.region;
  if (filter.participatingInThemeId !== null && filter.participatingInThemeId !== undefined) {
    out.participatingInThemeId = checkId(filter.participatingInThemeId, `${prefix}.participatingInThemeId`, 'theme');
  }
  const search = normalizeSearch(filter.search, `${prefix}.search`);
  if (search) out.pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return out;
}
