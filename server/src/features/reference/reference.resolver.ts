import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../shared/context.js';
import { Region } from '../../shared/enums.js';
import { Municipality, RegionInfo } from './reference.types.js';
import { regionMunicipalitiesLoader } from './reference.loaders.js';
import { listMunicipalities, listRegions } from './reference.service.js';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'The 98 municipalities, by name; optionally of one region.' })
  municipalities(
    @Ctx() ctx: RequestContext,
    @Arg('region', () => Region, {
      nullable: true,
      description: 'Only the municipalities of this region; all 98 when left out.',
    })
    region?: Region | null,
  ): Promise<Municipality[]> {
    return listMunicipalities(ctx, region);
  }
}

@Resolver(() => RegionInfo)
export class RegionResolver {
  @Query(() => [RegionInfo], { description: 'The five regions.' })
  regions(@Ctx() ctx: RequestContext): Promise<RegionInfo[]> {
    return listRegions(ctx);
  }

  @FieldResolver(() => [Municipality], { description: 'Municipalities of the region, by name.' })
  municipalities(@Ctx() ctx: RequestContext, @Root() region: RegionInfo): Promise<Municipality[]> {
    return ctx.loaders.get(regionMunicipalitiesLoader).load(region.code);
  }
}
