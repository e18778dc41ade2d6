import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { validateInput } from '../../shared/validation.js';
import { CreatePartnerInput, UpdatePartnerInput } from './partner.inputs.js';
import { createPartner, updatePartner } from './partner.mutation.service.js';
import { Partner } from './partner.types.js';

@Resolver(() => Partner)
export class PartnerMutationResolver {
  @Authorized('COORDINATOR')
  @Mutation(() => Partner, {
    description: 'Creates a partner. Coordinators only. A taken name (in the same municipality) gives CONFLICT.',
  })
  createPartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreatePartnerInput, {
      validateFn: validateInput('input'),
      description: 'The new partner: name, kind, scope and (for LOCAL partners) its municipality.',
    })
    input: CreatePartnerInput,
  ): Promise<Partner> {
    return createPartner(ctx, input);
  }

  @Authorized('COORDINATOR')
  @Mutation(() => Partner, { description: 'Changes a partner; fields left out stay as they are. Coordinators only.' })
  updatePartner(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The partner to change (Partner.id).' }) id: string,
    @Arg('input', () => UpdatePartnerInput, {
      validateFn: validateInput('input'),
      description: 'The fields to change; fields left out stay as they are.',
    })
    input: UpdatePartnerInput,
  ): Promise<Partner> {
    return updatePartner(ctx, id, input);
  }
}
