import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { GeoPoint } from '../../shared/common.types.js';
import { PageInfo } from '../../shared/pagination.js';
import type { Municipality } from '../reference/index.js';

@Directive(CACHE.catalogue)
@ObjectType({
  description: 'A public library: a municipal library service or one of its branches.',
})
export class Library {
  @Field(() => ID, { description: 'Stable identifier of the library.' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISIL code, e.g. DK-775100 (DK-7 + municipality code + branch number).',
  })
  isil: string | null;

  @Field({ description: 'Name of the library, e.g. "Aalborg Bibliotekerne".' })
  name: string;

  /** Resolved to a Municipality through the reference feature's loader. */
  municipalityCode: number;

  @Field({ description: 'One of the six central libraries (centralbiblioteker).' })
  isCentralLibrary: boolean;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'Four-digit Danish postal code.' })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'Postal town.' })
  city: string | null;

  @Field(() => GeoPoint, { nullable: true, description: 'Position of the library building.' })
  location: GeoPoint | null;

  @Field(() => String, { nullable: true, description: 'Home page of the library.' })
  website: string | null;

  @Field(() => String, { nullable: true, description: 'General e-mail address of the library.' })
  email: string | null;
}

@Directive(CACHE.inherit)
@ObjectType({ description: 'A library in a list.' })
export class LibraryEdge {
  @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => Library, { description: 'The library.' })
  node: Library;
}

@Directive(CACHE.catalogue)
@ObjectType({ description: 'A page of libraries.' })
export class LibraryConnection {
  @Field(() => [LibraryEdge], { description: 'The libraries of this page.' })
  edges: LibraryEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow and where to continue.' })
  pageInfo: PageInfo;

  /** Counted only when the client asks for totalCount (see LibraryConnectionResolver). */
  countTotal: () => Promise<number>;
}

/** A library a page of activities read ahead, with its municipality (see ActivityWithReadAhead). */
export interface LibraryWithReadAhead extends Library {
  aheadMunicipality?: Municipality;
}
