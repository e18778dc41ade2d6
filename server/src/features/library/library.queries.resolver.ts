import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Theme } from '../theme/index.js';
import { LibraryFilter } from './library.filters.js';
import { libraryCountLoader, libraryLoader, libraryPageLoader } from './library.loaders.js';
import { libraryPageRequest } from './library.service.js';
import { checkId } from '../../shared/ids.js';
import { Library, LibraryConnection } from './library.types.js';

@ArgsType()
class LibrariesArgs {
  @Field(() => LibraryFilter, { nullable: true, description: 'Conditions the libraries must meet (all of them).' })
  filter?: LibraryFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after (pageInfo.endCursor of the previous page).' })
  after?: string | null;
}

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after (pageInfo.endCursor of the previous page).' })
  after?: string | null;
}

@Resolver(() => Library)
export class LibraryQueryResolver {
  @Query(() => LibraryConnection, { description: 'Libraries by name, then id.' })
  libraries(@Ctx() ctx: RequestContext, @Args(() => LibrariesArgs) args: LibrariesArgs): Promise<LibraryConnection> {
    return ctx.loaders.get(libraryPageLoader).load(libraryPageRequest(args));
  }

  @Query(() => Library, { nullable: true, description: 'A library by id; null when there is none.' })
  library(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The library id.' }) id: string): Promise<Library | null> {
    return ctx.loaders.get(libraryLoader).load(checkId(id, 'id', 'library'));
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
  participatingLibraries(@Ctx() ctx: RequestContext, @Root() theme: Theme, @Args(() => PageArgs) args: PageArgs): Promise<LibraryConnection> {
    return ctx.loaders.get(libraryPageLoader).load(libraryPageRequest(args, theme.id));
  }
}
