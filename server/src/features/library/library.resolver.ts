import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Municipality, municipalityLoader } from '../reference/index.js';
import { Library } from './library.types.js';
import { municipalityLibrariesLoader } from './library.loaders.js';

@Resolver(() => Library)
export class LibraryResolver {
  @FieldResolver(() => Municipality, { description: 'The municipality the library belongs to.' })
  async municipality(@Ctx() ctx: RequestContext, @Root() library: Library): Promise<Municipality> {
    const municipality = await ctx.loaders.get(municipalityLoader).load(library.municipalityCode);
    if (!municipality) throw new Error(`municipality ${library.municipalityCode} missing`);
    return municipality;
  }
}

@Resolver(() => Municipality)
export class MunicipalityLibrariesResolver {
  @FieldResolver(() => [Library], { description: 'Libraries in the municipality: the main library first, then branches.' })
  libraries(@Ctx() ctx: RequestContext, @Root() municipality: Municipality): Promise<Library[]> {
    return ctx.loaders.get(municipalityLibrariesLoader).load(municipality.code);
  }
}
