import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { Library, libraryLoader } from '../library/index.js';
import { ApiToken, CreatedApiToken, ViewerInfo } from './auth.types.js';
import { CreateApiTokenInput } from './auth.inputs.js';
import { issueApiToken, listApiTokens, revokeApiToken, viewerInfo } from './auth.service.js';

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

  @Authorized('COORDINATOR')
  @Mutation(() => CreatedApiToken, { description: 'Creates an API token and shows it once. Coordinators only.' })
  createApiToken(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateApiTokenInput, {
      validateFn: validateInput('input'),
      description: 'What the token is for, its role and (for LIBRARY_STAFF) its library.',
    })
    input: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    return issueApiToken(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Boolean, {
    description: 'Revokes an API token at once; true also when it was already revoked. Coordinators only.',
  })
  revokeApiToken(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, {
      description: 'The token to revoke (ApiToken.id from apiTokens, not the secret token itself).',
    })
    id: string,
  ): Promise<boolean> {
    return revokeApiToken(ctx, id);
  }
}
