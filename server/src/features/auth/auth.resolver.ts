import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Library, libraryLoader } from '../library/index.js';
import { ApiToken, ViewerInfo } from './auth.types.js';
import { listApiTokens, viewerInfo } from './auth.service.js';

@Resolver(() => ViewerInfo)
export class ViewerResolver {
  @Query(() => ViewerInfo, { description: 'Who you are: the role and name of your token (nulls when anonymous).' })
  viewer(@Ctx() ctx: RequestContext): ViewerInfo {
    return viewerInfo(ctx);
  }

  @FieldResolver(() => Library, { nullable: true, description: 'The library a LIBRARY_STAFF token acts for.' })
  library(@Ctx() ctx: RequestContext, @Root() viewer: ViewerInfo): Promise<Library | null> | null {
    return viewer.libraryId ? ctx.loaders.get(libraryLoader).load(viewer.libraryId) : null;
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized('COORDINATOR')
  @Query(() => [ApiToken], {
    description: 'API tokens, newest first (never the tokens themselves). Coordinators only.',
  })
  apiTokens(
    @Ctx() ctx: RequestContext,
    @Arg('includeRevoked', () => Boolean, { nullable: true, description: 'Include revoked tokens (default false).' })
    includeRevoked?: boolean | null,
  ): Promise<ApiToken[]> {
    return listApiTokens(ctx, { includeRevoked });
  }

  @FieldResolver(() => Library, { nullable: true, description: 'The library of a LIBRARY_STAFF token.' })
  library(@Ctx() ctx: RequestContext, @Root() token: ApiToken): Promise<Library | null> | null {
    return token.libraryId ? ctx.loaders.get(libraryLoader).load(token.libraryId) : null;
  }
}
