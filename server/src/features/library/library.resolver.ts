import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Municipality, municipalityLoader } from '../reference/index.js';
import { Theme } from '../theme/index.js';
import { LibraryFilter } from './library.filters.js';
import {
  libraryCountLoader,
  libraryLoader,
  libraryPageLoader,
  municipalityLibrariesLoader,
} from './library.loaders.js';
import { libraryPageRequest } from './library.service.js';
import { checkId } from '../../shared/ids.js';
import { Library, LibraryConnection, type LibraryWithReadAhead } from './library.types.js';
import { ConnectionArgs } from '../../shared/connection-args.js';

@ArgsType()
class LibrariesArgs extends ConnectionArgs {
  @Field(() => LibraryFilter, { nullable: true, description: 'Conditions the libraries must meet (all of them).' })
  filter?: LibraryFilter | null;
}

@Resolver(() => Library)
export class LibraryResolver {
  @Query(() => LibraryConnection, { description: 'Libraries by name, then id.' })
  libraries(@Ctx() ctx: RequestContext, @Args(() => LibrariesArgs) args: LibrariesArgs): Promise<LibraryConnection> {
    return ctx.loaders.get(libraryPageLoader).load(libraryPageRequest(args));
  }

  @Query(() => Library, { nullable: true, description: 'A library by id; null when there is none.' })
  library(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The library id.' }) id: string,
  ): Promise<Library | null> {
    return ctx.loaders.get(libraryLoader).load(checkId(id, 'id', 'library'));
  }

  @FieldResolver(() => Municipality, { description: 'The municipality the library belongs to.' })
  municipality(
    @Ctx() ctx: RequestContext,
    @Root() library: LibraryWithReadAhead,
  ): Municipality | Promise<Municipality> {
    // Read ahead with the library by a page of activities (ActivityWithReadAhead).
    return library.aheadMunicipality ?? this.loadMunicipality(ctx, library);
  }

  private async loadMunicipality(ctx: RequestContext, library: Library): Promise<Municipality> {
    const municipality = await ctx.loaders.get(municipalityLoader).load(library.municipalityCode);
    if (!municipality) throw new Error(`municipality ${library.municipalityCode} missing`);
    return municipality;
  }
}

@Resolver(() => LibraryConnection)
export class LibraryConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of libraries matching, over all pages.' })
  totalCount(@Root() connection: LibraryConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Theme)
export class ThemeParticipationResolver {
  @FieldResolver(() => Int, { description: 'Number of libraries signed up (REGISTERED) for the theme.' })
  participantCount(@Ctx() ctx: RequestContext, @Root() theme: Theme): Promise<number> {
    return ctx.loaders.get(libraryCountLoader).load({ participatingInThemeId: theme.id });
  }

  @FieldResolver(() => LibraryConnection, { description: 'Libraries signed up (REGISTERED) for the theme, by name.' })
  participatingLibraries(
    @Ctx() ctx: RequestContext,
    @Root() theme: Theme,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<LibraryConnection> {
    return ctx.loaders.get(libraryPageLoader).load(libraryPageRequest(args, theme.id));
  }
}

@Resolver(() => Municipality)
export class MunicipalityLibrariesResolver {
  @FieldResolver(() => [Library], {
    description: 'Libraries in the municipality: the main library first, then branches.',
  })
  libraries(@Ctx() ctx: RequestContext, @Root() municipality: Municipality): Promise<Library[]> {
    return ctx.loaders.get(municipalityLibrariesLoader).load(municipality.code);
  }
}
