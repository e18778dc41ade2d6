import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { Region } from '../../shared/enums.js';

@Directive(CACHE.reference)
@ObjectType({ description: 'A Danish municipality (kommune) with its official code.' })
export class Municipality {
  @Field(() => Int, { description: 'Official municipality code, e.g. 851 for Aalborg, 101 for København.' })
  code: number;

  @Field({ description: 'Official name, e.g. "Aalborg".' })
  name: string;

  @Field(() => Region, { description: 'The region the municipality belongs to.' })
  region: Region;
}

@Directive(CACHE.reference)
@ObjectType({ description: 'One of the five regions and its municipalities.' })
export class RegionInfo {
  @Field(() => Region, { description: 'The region as an enum value.' })
  code: Region;

  @Field({ description: 'Official name, e.g. "Region Nordjylland".' })
  name: string;

  @Field(() => Int, { description: 'Official region code, e.g. 1081.' })
  officialCode: number;
}
