import { Field, ID, ObjectType } from 'type-graphql';
import { Audience, MaterialKind } from '../../shared/enums.js';

@ObjectType({ description: 'A book, list, article, video, podcast or campaign material that goes with a theme or activity.' })
export class Material {
  @Field(() => ID)
  id: string;

  @Field(() => MaterialKind)
  kind: MaterialKind;

  @Field()
  title: string;

  @Field(() => String, { nullable: true, description: 'Author, director or publisher.' })
  creator: string | null;

  @Field(() => String, { nullable: true, description: 'ISBN-13 or ISBN-10 without hyphens.' })
  isbn: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => [Audience])
  audiences: Audience[];
}
