import { Field, Int, ObjectType } from 'type-graphql';
import { Region } from '../../shared/enums.js';

@ObjectType({ description: 'A Danish municipality (kommune) with its official code.' })
export class Municipality {
  @Field(() => Int, { description: 'Official municipality code, e.g. 851 for Aalborg, 101 for København.' })
  code: number;

  @Field()
  name: string;

  @Field(() => Region)
  region: Region;
}

@ObjectType({ description: 'One of the five regions and its municipalities.' })
export class RegionInfo {
  @Field(() => Region)
  code: Region;

  @Field({ description: 'Official name, e.g. "Region Nordjylland".' })
  name: string;

  @Field(() => Int, { description: 'Official region code, e.g. 1081.' })
  officialCode: number;
}
