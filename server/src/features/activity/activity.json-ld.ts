import { ActivityStatus, Audience, Channel } from '../../shared/enums.js';
import type { Library } from '../library/index.js';
import type { Activity } from './activity.types.js';

/** schema.org audience names for our audiences. */
const AUDIENCE_NAMES: Record<Audience, string> = {
  CHILDREN: 'Børn',
  YOUTH: 'Unge',
  ADULTS: 'Voksne',
  FAMILIES: 'Familier',
  SENIORS: 'Seniorer',
  SCHOOL_CLASSES: 'Skoleklasser',
  EVERYONE: 'Alle',
};

const ONLINE_CHANNELS = new Set<Channel>([Channel.WEB, Channel.SOCIAL_MEDIA]);

export type JsonObject = { [key: string]: unknown };

/**
 * A schema.org Event for an activity, ready for `<script type="application/ld+json">`.
 * Web and social-media activities are online events with a VirtualLocation; others take place
 * at the venue (or, without one, at the organising library).
 */
export function activityJsonLd(activity: Activity, library: Library | null): JsonObject {
  const online = ONLINE_CHANNELS.has(activity.channel);
  const free = activity.priceDkk === null || activity.priceDkk === 0;
  const event: JsonObject = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `urn:uuid:${activity.id}`,
    name: activity.title,
    description: activity.description,
    startDate: activity.startsAt.toISOString(),
    endDate: activity.endsAt.toISOString(),
    eventStatus:
      activity.status === ActivityStatus.CANCELLED
        ? 'https://schema.org/EventCancelled'
        : 'https://schema.org/EventScheduled',
    eventAttendanceMode: online
      ? 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    inLanguage: 'da',
    isAccessibleForFree: free,
    audience: activity.audiences.map((a) => ({ '@type': 'Audience', audienceType: AUDIENCE_NAMES[a] })),
  };
  if (online) {
    event.location = { '@type': 'VirtualLocation', ...(activity.signupUrl ? { url: activity.signupUrl } : {}) };
  } else {
    // Venue and Library share the address fields; without a venue the library is the place.
    const where = activity.venue ?? library;
    const address: JsonObject = { '@type': 'PostalAddress', addressCountry: 'DK' };
    if (where?.address) address.streetAddress = where.address;
    if (where?.postalCode) address.postalCode = where.postalCode;
    if (where?.city) address.addressLocality = where.city;
    const place: JsonObject = { '@type': 'Place', name: where?.name, address };
    if (where?.location)
      place.geo = { '@type': 'GeoCoordinates', latitude: where.location.latitude, longitude: where.location.longitude };
    event.location = place;
  }
  if (library) {
    event.organizer = { '@type': 'Library', name: library.name, ...(library.website ? { url: library.website } : {}) };
  }
  if (activity.image) event.image = activity.image.url;
  if (activity.signupUrl) event.url = activity.signupUrl;
  if (activity.capacity !== null) event.maximumAttendeeCapacity = activity.capacity;
  if (!free) {
    event.offers = {
      '@type': 'Offer',
      price: activity.priceDkk!.toFixed(2),
      priceCurrency: 'DKK',
      ...(activity.signupUrl ? { url: activity.signupUrl } : {}),
    };
  }
  return event;
}

/** Characters that could end a `<script>` element or a JavaScript string early, as JSON escapes. */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * JSON-LD as JSON text that may stand as it is between `<script type="application/ld+json">` and
 * `</script>`: `<`, `>`, `&`, U+2028 and U+2029 are written as `\u003c`, `\u003e`, `\u0026`,
 * `\u2028` and `\u2029`, so no title can close the element, and a JSON parser reads the same
 * values.
 */
export function jsonLdScriptText(jsonLd: JsonObject): string {
  return JSON.stringify(jsonLd).replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
