import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { CreateApiTokenInput } from './auth.inputs.js';
import { issueApiToken, revokeApiToken } from './auth.mutation.service.js';
import { ApiToken, CreatedApiToken } from './auth.types.js';

/** Token administration: coordinators only. */
@Resolver(() => ApiToken)
export class ApiTokenMutationResolver {
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
