import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { PartnerKind, PartnerScope } from '../../shared/enums.js';
import { Municipality, municipalityLoader } from '../reference/index.js';
import { Partner } from './partner.types.js';
import { listPartners } from './partner.service.js';

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => [Partner], { description: 'Partners by name, optionally of one kind and scope.' })
  partners(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => PartnerKind, {
      nullable: true,
      description: 'Only partners of this kind; all kinds when left out.',
    })
    kind?: PartnerKind | null,
    @Arg('scope', () => PartnerScope, {
      nullable: true,
      description: 'Only national or only local partners; both when left out.',
    })
    scope?: PartnerScope | null,
  ): Promise<Partner[]> {
    return listPartners(ctx, { kind, scope });
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Where a local partner is.' })
  async municipality(@Ctx() ctx: RequestContext, @Root() partner: Partner): Promise<Municipality | null> {
    if (partner.municipalityCode === null) return null;
    return ctx.loaders.get(municipalityLoader).load(partner.municipalityCode);
  }
}
