import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { GeoPoint } from '../../shared/common.types.js';
import { PageInfo } from '../../shared/pagination.js';

@Directive(CACHE.catalogue)
@ObjectType({ description: 'A public library: a municipal library service or one of its branches.' })
export class Library {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'ISIL code, e.g. DK-775100 (DK-7 + municipality code + branch number).' })
  isil: string | null;

  @Field()
  name: string;

  /** Resolved to a Municipality through the reference feature's loader. */
  municipalityCode: number;

  @Field({ description: 'One of the six central libraries (centralbiblioteker).' })
  isCentralLibrary: boolean;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => GeoPoint, { nullable: true })
  location: GeoPoint | null;

  @Field(() => String, { nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@Directive(CACHE.inherit)
@ObjectType({ description: 'A library in a list.' })
export class LibraryEdge {
  @Field()
  cursor: string;

  @Field(() => Library)
  node: Library;
}

@Directive(CACHE.catalogue)
@ObjectType({ description: 'A page of libraries.' })
export class LibraryConnection {
  @Field(() => [LibraryEdge])
  edges: LibraryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Number of libraries matching, over all pages.' })
  totalCount: number;

  /** Set by lists that count lazily: totalCount is then counted only when a client asks for it. */
  countTotal?: () => Promise<number>;
}
