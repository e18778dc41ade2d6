import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { CACHE } from './cache-control.js';

@Directive(CACHE.inherit)
@ObjectType({ description: 'An image with the alternative text screen readers need.' })
export class Image {
  @Field({ description: 'Absolute URL of the image.' })
  url: string;

  @Field({ description: 'Alternative text for screen readers (required when an image is set).' })
  alt: string;

  @Field(() => String, { nullable: true, description: 'Photographer or rights holder.' })
  credit: string | null;
}

@Directive(CACHE.inherit)
@ObjectType({ description: 'A position in WGS 84.' })
export class GeoPoint {
  @Field(() => Float, { description: 'Degrees north, −90 to 90.' })
  latitude: number;

  @Field(() => Float, { description: 'Degrees east, −180 to 180.' })
  longitude: number;
}

/** Image from the three nullable columns every table with an image has. */
export function imageOf(url: string | null, alt: string | null, credit: string | null): Image | null {
  if (!url || !alt) return null;
  return { url, alt, credit };
}

export function geoPointOf(latitude: number | null, longitude: number | null): GeoPoint | null {
  if (latitude === null || longitude === null || latitude === undefined || longitude === undefined) return null;
  return { latitude, longitude };
}
