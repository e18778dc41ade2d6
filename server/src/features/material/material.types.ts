import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { Audience, MaterialKind } from '../../shared/enums.js';

@Directive(CACHE.catalogue)
@ObjectType({
  description: 'A book, list, article, video, podcast or campaign material that goes with a theme or activity.',
})
export class Material {
  @Field(() => ID, { description: 'Stable identifier of the material.' })
  id: string;

  @Field(() => MaterialKind, { description: 'What kind of material it is.' })
  kind: MaterialKind;

  @Field({ description: 'Title of the work.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Author, director or publisher.' })
  creator: string | null;

  @Field(() => String, { nullable: true, description: 'ISBN-13 or ISBN-10 without hyphens.' })
  isbn: string | null;

  @Field(() => String, { nullable: true, description: 'Where to find it online.' })
  url: string | null;

  @Field(() => [Audience], { description: 'Who the material suits.' })
  audiences: Audience[];
}
