import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { ActivityFilter, IcalFeedApiActivitiesQuery } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { mainLibraryId } from './support/tokens.js';

/** The iCalendar feed, read with a real parser and compared with the GraphQL API. */

let server: TestServer;
let trickyId: string;
const TRICKY_TITLE = 'Æbler, pærer; og\\andet – "natur" i Ærøskøbing';
const TRICKY_DESCRIPTION = `Første linje, med komma; semikolon og \\ backslash.\nAnden linje: ${'ø'.repeat(60)} 🦉🌲 ${'æ'.repeat(50)}`;

beforeAll(async () => {
  server = await startTestServer();
  const [theme] = (await server.db.query(`SELECT id FROM theme WHERE slug = 'vores-natur'`)) as { id: string }[];
  const library = await mainLibraryId(server.db, 851);
  // Text that needs escaping and folds across multi-byte characters.
  const [row] = (await server.db.query(
    `INSERT INTO activity (theme_id, library_id, title, description, audiences, format, channel, venue_name, venue_address,
       venue_postal_code, venue_city, latitude, longitude, starts_at, ends_at, signup_url, status, version, published_at)
     VALUES ($1, $2, $3, $4, '{FAMILIES}', 'WALK', 'OUTDOORS', 'Skovbrynet, P-plads; nord', 'Skovvej 1', '9000', 'Aalborg',
       57.03, 9.91, '2020-04-18T08:00:00Z', '2020-04-18T10:30:00Z', 'https://example.org/tilmelding?id=42&x=1', 'PUBLISHED', 3, now())
     RETURNING id`,
    [theme!.id, library, TRICKY_TITLE, TRICKY_DESCRIPTION],
  )) as { id: string }[];
  trickyId = row!.id;
});
afterAll(async () => {
  await server?.stop();
});

async function feed(path: string) {
  const res = await fetch(`${server.url}${path}`);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text: await res.text(),
    cacheControl: res.headers.get('cache-control'),
  };
}

const API_ACTIVITIES = graphql(`
  query IcalFeedApiActivities($filter: ActivityFilter, $after: String) {
    activities(filter: $filter, first: 100, after: $after) {
      edges {
        node {
          id
          title
          description
          startsAt
          endsAt
          status
          signupUrl
          version
          updatedAt
          cancellationReason
          venue {
            name
            address
            postalCode
            city
            location {
              latitude
              longitude
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** An activity as the API lists it. */
type ApiActivity = IcalFeedApiActivitiesQuery['activities']['edges'][number]['node'];

async function apiActivities(filter: ActivityFilter): Promise<ApiActivity[]> {
  const nodes: ApiActivity[] = [];
  let after: string | null = null;
  for (;;) {
    const data: IcalFeedApiActivitiesQuery = await server.ok(API_ACTIVITIES, { filter, after });
    nodes.push(...data.activities.edges.map((e) => e.node));
    if (!data.activities.pageInfo.hasNextPage) return nodes;
    after = data.activities.pageInfo.endCursor;
  }
}

function expectWellFormed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) {
    expect(line.includes('\n') || line.includes('\r'), 'bare line break').toBe(false);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    // No line may start or end inside a UTF-8 sequence: decoding round-trips.
    expect(line.includes('\uFFFD')).toBe(false);
  }
  return lines;
}

function compare(calendarText: string, activities: ApiActivity[]) {
  const calendar = new ICAL.Component(ICAL.parse(calendarText));
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
  expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Temahub');
  const events = calendar.getAllSubcomponents('vevent');
  expect(events.map((e) => String(e.getFirstPropertyValue('uid')))).toEqual(activities.map((a) => `${a.id}@temahub`));
  events.forEach((vevent, i) => {
    const a = activities[i]!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(a.title);
    expect(event.description.startsWith(a.description)).toBe(true);
    expect(event.startDate.toJSDate().toISOString()).toBe(a.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(a.endsAt);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.endDate.zone?.tzid).toBe('UTC');
    expect((vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe(
      new Date(Math.floor(Date.parse(a.updatedAt) / 1000) * 1000).toISOString(),
    );
    expect(vevent.getFirstPropertyValue('status')).toBe(a.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(a.version - 1);
    expect(vevent.getFirstPropertyValue('url') ?? null).toBe(a.signupUrl);
    if (a.venue) {
      expect(event.location.startsWith(a.venue.name)).toBe(true);
      if (a.venue.city) expect(event.location).toContain(a.venue.city);
    } else {
      expect(event.location).toBeNull();
    }
    if (a.venue?.location) {
      expect(vevent.getFirstPropertyValue('geo')).toEqual([a.venue.location.latitude, a.venue.location.longitude]);
    } else {
      expect(vevent.getFirstPropertyValue('geo')).toBeNull();
    }
    if (a.cancellationReason) expect(event.description).toContain(a.cancellationReason);
  });
  return events;
}

describe('GET /feeds/themes/<slug>.ics', () => {
  it('serves every published and cancelled activity of the theme, as the API lists them', async () => {
    const res = await feed('/feeds/themes/vores-natur.ics');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/calendar; charset=utf-8');
    expect(res.cacheControl).toMatch(/^public, max-age=\d+$/);
    expectWellFormed(res.text);
    const activities = await apiActivities({ themeSlug: 'vores-natur' });
    expect(activities.length).toBeGreaterThan(150);
    expect(activities.some((a) => a.status === 'CANCELLED')).toBe(true);
    const events = compare(res.text, activities);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tema 11: Vores natur');
    // Drafts stay out.
    const drafts = (await server.db.query(
      `SELECT a.id FROM activity a JOIN theme t ON t.id = a.theme_id WHERE t.slug = 'vores-natur' AND a.status = 'DRAFT'`,
    )) as { id: string }[];
    expect(drafts.length).toBeGreaterThan(0);
    const uids = new Set(events.map((e) => String(e.getFirstPropertyValue('uid'))));
    for (const d of drafts) expect(uids.has(`${d.id}@temahub`)).toBe(false);
  });

  it('filters by municipality like the API does', async () => {
    const res = await feed('/feeds/themes/vores-natur.ics?municipality=851');
    expect(res.status).toBe(200);
    expectWellFormed(res.text);
    const activities = await apiActivities({ themeSlug: 'vores-natur', municipalityCode: 851 });
    expect(activities.length).toBeGreaterThan(1);
    compare(res.text, activities);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tema 11: Vores natur – Aalborg');
  });

  it('escapes, folds and round-trips text with commas, semicolons, backslashes, newlines and multi-byte characters', async () => {
    const res = await feed('/feeds/themes/vores-natur.ics?municipality=851');
    const lines = expectWellFormed(res.text);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const vevent = calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `${trickyId}@temahub`)!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(TRICKY_TITLE);
    expect(event.description.startsWith(TRICKY_DESCRIPTION)).toBe(true);
    expect(event.location).toBe('Skovbrynet, P-plads; nord, Skovvej 1, 9000 Aalborg');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://example.org/tilmelding?id=42&x=1');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(res.text).toContain('SUMMARY:Æbler\\, pærer\\; og\\\\andet');
  });

  it('answers 404 for an unknown theme and 400 for a bad municipality, in plain text', async () => {
    for (const path of [
      '/feeds/themes/findes-ikke.ics',
      '/feeds/themes/vores-natur',
      '/feeds/themes/..%2Fetc.ics',
      '/feeds/themes/VORES-NATUR.ics',
    ]) {
      const res = await feed(path);
      expect(res.status, path).toBe(404);
      expect(res.contentType).toMatch(/^text\/plain/);
    }
    for (const code of ['abc', '999', '85', '851;DROP', '']) {
      const res = await feed(`/feeds/themes/vores-natur.ics?municipality=${encodeURIComponent(code)}`);
      expect(res.status, code).toBe(400);
      expect(res.contentType).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/municipality/);
    }
  });
});
