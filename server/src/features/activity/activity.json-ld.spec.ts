import { describe, expect, it } from 'vitest';
import { ActivityFormat, ActivityStatus, Audience, Channel } from '../../shared/enums.js';
import { Activity } from './activity.types.js';
import { activityJsonLd, jsonLdScriptText } from './activity.json-ld.js';

const base = (): Activity =>
  Object.assign(new Activity(), {
    id: '2b1c5b0e-7c6b-4a43-9a55-0d1d7f3e2a10',
    themeId: 't',
    libraryId: 'l',
    reportedAttendance: null,
    title: 'Fuglene i skoven',
    description: 'Morgentur.',
    audiences: [Audience.FAMILIES],
    format: ActivityFormat.WALK,
    channel: Channel.OUTDOORS,
    venue: {
      name: 'Rold Skov',
      address: 'Skovvej 1',
      postalCode: '9520',
      city: 'Skørping',
      location: { latitude: 56.8, longitude: 9.85 },
    },
    accessibility: [],
    image: null,
    startsAt: new Date('2020-04-18T05:00:00Z'),
    endsAt: new Date('2020-04-18T07:00:00Z'),
    capacity: 25,
    signupUrl: 'https://example.org/tilmeld',
    priceDkk: 40,
    status: ActivityStatus.PUBLISHED,
    cancellationReason: null,
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

const library = {
  id: 'l',
  name: 'Rebild Bibliotekerne',
  website: 'https://rebildbib.dk',
  address: 'Jyllandsgade 2',
  postalCode: '9520',
  city: 'Skørping',
  location: null,
} as any;

describe('activityJsonLd', () => {
  it('describes an in-person event with place, geo, organizer and offer', () => {
    expect(activityJsonLd(base(), library)).toMatchObject({
      '@type': 'Event',
      startDate: '2020-04-18T05:00:00.000Z',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'Rold Skov',
        address: { postalCode: '9520', addressLocality: 'Skørping', addressCountry: 'DK' },
        geo: { latitude: 56.8 },
      },
      organizer: { '@type': 'Library', name: 'Rebild Bibliotekerne', url: 'https://rebildbib.dk' },
      isAccessibleForFree: false,
      offers: { price: '40.00', priceCurrency: 'DKK' },
      url: 'https://example.org/tilmeld',
    });
  });

  it('makes web activities online, free ones free, cancelled ones cancelled', () => {
    const a = Object.assign(base(), {
      channel: Channel.WEB,
      venue: null,
      priceDkk: 0,
      status: ActivityStatus.CANCELLED,
    });
    const ld = activityJsonLd(a, library);
    expect(ld.location).toEqual({ '@type': 'VirtualLocation', url: 'https://example.org/tilmeld' });
    expect(ld.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(ld.eventStatus).toBe('https://schema.org/EventCancelled');
    expect(ld.isAccessibleForFree).toBe(true);
    expect(ld.offers).toBeUndefined();
  });

  it('falls back to the library as the place when an in-person activity has no venue', () => {
    const ld = activityJsonLd(Object.assign(base(), { channel: Channel.LIBRARY, venue: null }), library) as any;
    expect(ld.location).toMatchObject({
      '@type': 'Place',
      name: 'Rebild Bibliotekerne',
      address: { streetAddress: 'Jyllandsgade 2' },
    });
  });
});

describe('jsonLdScriptText', () => {
  const hostile = '</script><script>alert(1)</script> & \u2028\u2029 <!-- æøå';

  it('escapes what could end a script element, and stays the same JSON', () => {
    const ld = activityJsonLd(Object.assign(base(), { title: hostile, description: hostile }), library);
    const text = jsonLdScriptText(ld);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain(
      '\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028\\u2029 \\u003c!-- æøå',
    );
    expect(JSON.parse(text)).toEqual(ld);
    expect((JSON.parse(text) as { name: string }).name).toBe(hostile);
  });
});
