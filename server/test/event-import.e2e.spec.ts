import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { AddEventSourceInput, EventImportActivitiesQuery } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken, mainLibraryId } from './support/tokens.js';
import { dplEvent, startFixtureSite, type FixtureSite } from './support/event-fixtures.js';

/**
 * Event import end to end (issue 11): a fixture "library website" over real HTTP, the real
 * server and database. A theme in 2027 weeks 12–14 (22 March – 11 April, across the change to
 * summer time on 28 March); the library is signed up for it.
 */

const SLUG = 'groen-omstilling';
const TITLE = 'Grøn omstilling';

const ADD = graphql(`
  mutation EventImportAdd($input: AddEventSourceInput!) {
    addEventSource(input: $input) {
      id
      kind
      url
      themeTags
      matchAllInThemeWeeks
      publishImmediately
      priceUnit
      enabled
      library {
        id
      }
      lastRun {
        id
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation EventImportUpdate($id: ID!, $input: UpdateEventSourceInput!) {
    updateEventSource(id: $id, input: $input) {
      id
      url
      priceUnit
      enabled
      themeTags
    }
  }
`);
const REMOVE = graphql(`
  mutation EventImportRemove($id: ID!) {
    removeEventSource(id: $id)
  }
`);
const RUN = graphql(`
  mutation EventImportRun($id: ID!) {
    runEventSource(id: $id) {
      id
      outcome
      created
      updated
      cancelled
      unchanged
      skipped
      error
      startedAt
      finishedAt
      skippedEvents {
        externalId
        title
        reason
      }
      source {
        id
        url
      }
    }
  }
`);
const ACTIVITIES = graphql(`
  query EventImportActivities($slug: String!) {
    theme(slug: $slug) {
      activities(first: 100) {
        totalCount
        edges {
          node {
            id
            title
            description
            status
            channel
            format
            audiences
            startsAt
            endsAt
            priceDkk
            signupUrl
            capacity
            version
            cancellationReason
            image {
              url
              alt
            }
            venue {
              name
              address
              postalCode
              city
            }
            source {
              kind
              url
              externalId
              seriesId
              importedAt
            }
          }
        }
      }
    }
  }
`);
const SOURCES = graphql(`
  query EventImportSources($id: ID!) {
    library(id: $id) {
      eventSources {
        id
        url
        lastRun {
          outcome
          created
        }
        runs(first: 2) {
          totalCount
          edges {
            cursor
            node {
              id
              outcome
              source {
                id
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

let server: TestServer;
let site: FixtureSite;
let coordinator: string;
let staff: string;
let otherStaff: string;
let partner: string;
let libraryId: string;
let themeId: string;

/** An activity as ACTIVITIES reads it. */
type Node = NonNullable<EventImportActivitiesQuery['theme']>['activities']['edges'][number]['node'];

async function activities(): Promise<Node[]> {
  const data = await server.ok(ACTIVITIES, { slug: SLUG }, { token: coordinator });
  return data.theme!.activities.edges.map((e) => e.node);
}
const byExternal = (list: Node[], id: string) => list.find((a) => a.source?.externalId === id);

/** Everything the import may write, to prove that a run wrote nothing. */
async function footprint() {
  const [row] = await server.db.query(
    `SELECT (SELECT count(*)::int FROM activity) AS activities,
            (SELECT count(*)::int FROM audit_event) AS audits,
            (SELECT coalesce(sum(version), 0)::int FROM activity) AS versions,
            (SELECT max(updated_at) FROM activity) AS updated,
            (SELECT count(*)::int FROM activity_source) AS links`,
  );
  return row;
}

async function run(id: string, token = staff) {
  const data = await server.ok(RUN, { id }, { token });
  return data.runEventSource;
}

async function addSource(input: Omit<AddEventSourceInput, 'libraryId'>, token = staff): Promise<string> {
  const data = await server.ok(ADD, { input: { libraryId, ...input } }, { token });
  return data.addEventSource.id;
}

const bodyHtml =
  '<p>Kom &amp; hør om <strong>fuglene</strong> i Østre Anlæg &ndash; for store og små.</p><script>alert("hack")</script><style>p { color: red }</style><p onclick="evil()">Medbring kikkert &lt;3</p>';

/** The DPL CMS fixture: one of each case the issue lists. */
function dplEvents(): Record<string, unknown>[] {
  return [
    dplEvent({
      uuid: 'e-fugle',
      title: 'Fugletur i Østre Anlæg – æøå',
      body: bodyHtml,
      description: 'Kort tekst',
      tags: ['GRØN OMSTÍLLING'],
      categories: ['Familie', 'Naturvandring'],
      date_time: { start: '2027-03-25T10:00:00+01:00', end: '2027-03-25T12:00:00+01:00' },
      image: { url: 'https://bibliotek.example/fugle.jpg' },
      ticket_categories: [
        { uuid: 't1', title: 'Voksen', price: { currency: 'DKK', value: 5000 } },
        { uuid: 't2', title: 'Barn', price: { currency: 'DKK', value: 7500 } },
      ],
      ticket_capacity: 30,
      external_data: { url: 'https://billetter.example/fugletur', admin_url: 'https://admin.example' },
    }),
    dplEvent({
      uuid: 'e-online',
      title: 'Foredrag online: klimaet og os',
      tags: ['grøn omstilling'],
      categories: ['Foredrag', 'Voksne'],
      address: { locationType: 'online', location: 'https://zoom.example/j/1' },
      date_time: { start: '2027-03-30T19:00:00+02:00', end: '2027-03-30T20:30:00+02:00' },
      image: { url: 'http://usikker.example/billede.jpg' },
    }),
    dplEvent({
      uuid: 'e-allday',
      title: 'Byttedag for planter',
      tags: ['groen-omstilling'],
      all_day: true,
      date_time: { start: '2027-03-28T00:00:00+01:00', end: '2027-03-28T23:59:00+02:00' },
    }),
    dplEvent({
      uuid: 'e-aflyst',
      title: 'Aflyst værksted',
      tags: [TITLE],
      state: 'Cancelled',
      date_time: { start: '2027-03-26T10:00:00+01:00', end: '2027-03-26T12:00:00+01:00' },
    }),
    ...['2027-03-23T17:00:00+01:00', '2027-03-30T17:00:00+02:00', '2027-04-06T17:00:00+02:00'].map((start, i) =>
      dplEvent({
        uuid: `e-serie-${i + 1}`,
        title: 'Børneværksted: byg et insekthotel',
        tags: [TITLE],
        categories: ['Børneværksted'],
        series: { uuid: 'serie-insekt' },
        date_time: { start, end: start.replace('T17:00', 'T18:30') },
      }),
    ),
    dplEvent({
      uuid: 'e-maj',
      title: 'Efter temaet',
      tags: [TITLE],
      date_time: { start: '2027-05-10T10:00:00+02:00', end: '2027-05-10T11:00:00+02:00' },
    }),
    dplEvent({
      uuid: 'e-andet',
      title: 'Strikkecafé',
      tags: ['Hygge'],
      date_time: { start: '2027-03-25T10:00:00+01:00', end: '2027-03-25T12:00:00+01:00' },
    }),
    dplEvent({
      uuid: 'e-uden-start',
      title: 'Uden start',
      tags: [TITLE],
      date_time: { end: '2027-03-25T12:00:00+01:00' },
    }),
    dplEvent({
      uuid: 'e-baglæns',
      title: 'Baglæns',
      tags: [TITLE],
      date_time: { start: '2027-03-25T12:00:00+01:00', end: '2027-03-25T10:00:00+01:00' },
    }),
    dplEvent({
      uuid: 'e-dato',
      title: 'Dårlig dato',
      tags: [TITLE],
      date_time: { start: 'næste torsdag', end: '2027-03-25T10:00:00+01:00' },
    }),
  ];
}

let dpl: Record<string, unknown>[];
const serveDpl = () =>
  site.set('/dpl/api/v1/events', () => ({ type: 'application/json; charset=utf-8', body: JSON.stringify(dpl) }));

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Bibliotek//Arrangementer//DA',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:laesekreds@bibliotek.example',
  'DTSTAMP:20270101T000000Z',
  'LAST-MODIFIED:20270101T000000Z',
  'DTSTART;TZID=Europe/Copenhagen:20270324T180000',
  'DTEND;TZID=Europe/Copenhagen:20270324T193000',
  'RRULE:FREQ=WEEKLY;COUNT=4',
  'EXDATE;TZID=Europe/Copenhagen:20270331T180000',
  'SUMMARY:Læsekreds: naturen i romanen',
  'DESCRIPTION:Vi læser &amp; taler om <b>naturen</b>.',
  'LOCATION:Hovedbiblioteket\\, salen',
  'GEO:57.048;9.919',
  'CATEGORIES:Grøn omstilling,Læsekreds',
  'URL:https://bibliotek.example/laesekreds',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:heldag@bibliotek.example',
  'DTSTAMP:20270101T000000Z',
  'DTSTART;VALUE=DATE:20270329',
  'DTEND;VALUE=DATE:20270330',
  'SUMMARY:Reparationscafé hele dagen',
  'CATEGORIES:GRØN OMSTILLING',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

beforeAll(async () => {
  server = await startTestServer({
    // A fetch bound of 1 s instead of 10 s, for the website that never answers.
    env: { IMPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1', IMPORT_INTERVAL_MINUTES: '0', IMPORT_FETCH_TIMEOUT_MS: '1000' },
  });
  site = await startFixtureSite();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  partner = (await issueToken(server.db, 'PARTNER')).token;
  libraryId = await mainLibraryId(server.db, 851);
  staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId })).token;
  otherStaff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: await mainLibraryId(server.db, 751) })).token;
  const [theme] = await server.db.query(
    `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, is_published)
     VALUES (111, $1, $2, 'Test', 'Testtema for import', 2027, 12, 14, true) RETURNING id`,
    [SLUG, TITLE],
  );
  themeId = theme.id;
  await server.db.query(
    `INSERT INTO registration (theme_id, library_id, contact_name, contact_email) VALUES ($1, $2, 'Karen', 'karen@bibliotek.example')`,
    [themeId, libraryId],
  );
  dpl = dplEvents();
  serveDpl();
});

afterAll(async () => {
  await site?.close();
  await server?.stop();
});

describe('a DPL CMS source', () => {
  let sourceId: string;

  it('is added by the library staff and run: theme events become activities, the rest are skipped with reasons', async () => {
    const added = await server.ok(
      ADD,
      { input: { libraryId, kind: 'DPL_CMS', url: `${site.origin}/dpl`, publishImmediately: true } },
      { token: staff },
    );
    expect(added.addEventSource).toMatchObject({
      kind: 'DPL_CMS',
      themeTags: [],
      priceUnit: 'OERE',
      enabled: true,
      publishImmediately: true,
      library: { id: libraryId },
      lastRun: null,
    });
    sourceId = added.addEventSource.id;

    const result = await run(sourceId);
    expect(result).toMatchObject({
      outcome: 'PARTIAL',
      created: 6,
      updated: 0,
      cancelled: 0,
      unchanged: 0,
      skipped: 5,
      error: null,
      source: { id: sourceId },
    });
    expect(result.finishedAt).not.toBeNull();
    const reasons = Object.fromEntries(result.skippedEvents.map((s) => [s.externalId, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['e-aflyst', 'e-baglæns', 'e-dato', 'e-maj', 'e-uden-start']);
    expect(reasons['e-aflyst']).toMatch(/cancelled on the website/);
    expect(reasons['e-maj']).toMatch(/outside the weeks of the theme "Grøn omstilling" \(2027-03-22 to 2027-04-11\)/);
    expect(reasons['e-uden-start']).toMatch(/no start time/);
    expect(reasons['e-baglæns']).toMatch(/ends before it starts/);
    expect(reasons['e-dato']).toMatch(/"næste torsdag" is not a date/);

    // The request the website got: from the theme's first day, naming Temahub.
    const request = site.requests.filter((r) => r.path === '/dpl/api/v1/events').at(-1)!;
    expect(request.query.get('_format')).toBe('json');
    // From the first day of the earliest theme that has not ended (here at most this theme's).
    expect(request.query.get('from_date')! <= '2027-03-22').toBe(true);
    expect(request.userAgent).toMatch(/Temahub/);
  });

  it('maps text, times, venue, channel, price, image, sign-up link, series and keywords', async () => {
    const list = await activities();
    expect(list.filter((a) => a.source)).toHaveLength(6);
    const fugle = byExternal(list, 'e-fugle')!;
    expect(fugle).toMatchObject({
      title: 'Fugletur i Østre Anlæg – æøå',
      status: 'PUBLISHED',
      channel: 'LIBRARY',
      format: 'WALK',
      audiences: ['FAMILIES'],
      startsAt: '2027-03-25T09:00:00.000Z',
      endsAt: '2027-03-25T11:00:00.000Z',
      priceDkk: 50,
      capacity: 30,
      signupUrl: 'https://billetter.example/fugletur',
      image: { url: 'https://bibliotek.example/fugle.jpg', alt: 'Fugletur i Østre Anlæg – æøå' },
      venue: { name: 'Hovedbiblioteket', address: 'Rendsburggade 2', postalCode: '9000', city: 'Aalborg' },
      source: { kind: 'DPL_CMS', url: `${site.origin}/dpl`, externalId: 'e-fugle', seriesId: null },
    });
    expect(fugle.description).toBe('Kom & hør om fuglene i Østre Anlæg – for store og små.\n\nMedbring kikkert <3');
    expect(fugle.description).not.toMatch(/alert|color|evil|<p|<script/);

    const online = byExternal(list, 'e-online')!;
    expect(online).toMatchObject({
      channel: 'WEB',
      venue: null,
      format: 'TALK',
      audiences: ['ADULTS'],
      startsAt: '2027-03-30T17:00:00.000Z',
      priceDkk: null,
      image: null,
    });
    expect(online.signupUrl).toBe('https://bibliotek.example/arrangementer/e-online');

    // The day the clocks go forward has 23 hours.
    expect(byExternal(list, 'e-allday')).toMatchObject({
      startsAt: '2027-03-27T23:00:00.000Z',
      endsAt: '2027-03-28T22:00:00.000Z',
      format: 'OTHER',
      audiences: ['EVERYONE'],
    });

    const series = list
      .filter((a) => a.source?.seriesId === 'serie-insekt')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(series.map((a) => a.startsAt)).toEqual([
      '2027-03-23T16:00:00.000Z',
      '2027-03-30T15:00:00.000Z',
      '2027-04-06T15:00:00.000Z',
    ]);
    expect(series.every((a) => a.format === 'WORKSHOP' && a.audiences.includes('CHILDREN'))).toBe(true);
  });

  it('shows the imported activities in the iCalendar feed and the theme report', async () => {
    const feed = await fetch(`${server.url}/feeds/themes/${SLUG}.ics`);
    expect(feed.status).toBe(200);
    const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toContain('SUMMARY:Fugletur i Østre Anlæg – æøå');
    expect(text).toContain('SUMMARY:Børneværksted: byg et insekthotel');
    const report = await server.ok(
      graphql(`
        query EventImportThemeReport($id: ID!) {
          themeReport(themeId: $id) {
            activitiesTotal
            activitiesCancelled
          }
        }
      `),
      { id: themeId },
      { token: coordinator },
    );
    expect(report.themeReport).toEqual({ activitiesTotal: 6, activitiesCancelled: 0 });
  });

  it('a run with the same input writes nothing and records no audit event', async () => {
    const before = await footprint();
    const result = await run(sourceId);
    expect(result).toMatchObject({
      outcome: 'PARTIAL',
      created: 0,
      updated: 0,
      cancelled: 0,
      unchanged: 6,
      skipped: 5,
    });
    expect(await footprint()).toEqual(before);
  });

  it('a changed event is updated with an audit event whose actor is the source', async () => {
    const fugle = dpl.find((e) => e.uuid === 'e-fugle')!;
    fugle.title = 'Fugletur i Østre Anlæg (ny tid)';
    fugle.date_time = { start: '2027-03-25T11:00:00+01:00', end: '2027-03-25T13:00:00+01:00' };
    fugle.updated_at = '2027-02-01T09:00:00+01:00';
    const result = await run(sourceId);
    expect(result).toMatchObject({ created: 0, updated: 1, cancelled: 0, unchanged: 5 });
    const updated = byExternal(await activities(), 'e-fugle')!;
    expect(updated).toMatchObject({
      title: 'Fugletur i Østre Anlæg (ny tid)',
      startsAt: '2027-03-25T10:00:00.000Z',
      version: 2,
    });
    const [audit] = await server.db.query(
      `SELECT action, actor_name, actor_role, token_id, changes FROM audit_event WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [updated.id],
    );
    expect(audit).toMatchObject({ action: 'import_update', actor_role: null, token_id: null });
    expect(audit.actor_name).toContain(`${site.origin}/dpl`);
    expect(audit.changes.title).toEqual({
      before: 'Fugletur i Østre Anlæg – æøå',
      after: 'Fugletur i Østre Anlæg (ny tid)',
    });
    expect(audit.changes.startsAt).toEqual({ before: '2027-03-25T09:00:00.000Z', after: '2027-03-25T10:00:00.000Z' });
  });

  it('source-owned fields are CONFLICT for staff; Temahub-only fields stay editable and survive re-imports', async () => {
    const fugle = byExternal(await activities(), 'e-fugle')!;
    const UPDATE_ACTIVITY = graphql(`
      mutation EventImportUpdateActivity($id: ID!, $v: Int!, $input: UpdateActivityInput!) {
        updateActivity(id: $id, version: $v, input: $input) {
          id
          version
          audiences
          format
          channel
          title
        }
      }
    `);
    const denied = await server.gql(
      UPDATE_ACTIVITY,
      { id: fugle.id, v: fugle.version, input: { title: 'Mit eget navn', startsAt: '2027-03-25T10:00:00Z' } },
      { token: staff },
    );
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.title' });
    expect(denied.errors?.[0]?.message).toMatch(
      /imported from the library's DPL CMS website .*title, startsAt come from there\. Edit them on the website/,
    );

    const allowed = await server.gql(
      UPDATE_ACTIVITY,
      {
        id: fugle.id,
        v: fugle.version,
        input: { audiences: ['SENIORS', 'FAMILIES'], format: 'TALK', accessibility: ['HEARING_LOOP'] },
      },
      { token: staff },
    );
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.updateActivity).toMatchObject({
      audiences: ['SENIORS', 'FAMILIES'],
      format: 'TALK',
      title: 'Fugletur i Østre Anlæg (ny tid)',
    });

    dpl.find((e) => e.uuid === 'e-fugle')!.body = '<p>Ny beskrivelse</p>';
    expect(await run(sourceId)).toMatchObject({ updated: 1, unchanged: 5 });
    const after = byExternal(await activities(), 'e-fugle')!;
    expect(after).toMatchObject({
      description: 'Ny beskrivelse',
      audiences: ['SENIORS', 'FAMILIES'],
      format: 'TALK',
      channel: 'LIBRARY',
    });
  });

  it('an event cancelled on the website or removed from it is cancelled with a reason, never deleted', async () => {
    dpl.find((e) => e.uuid === 'e-online')!.state = 'Cancelled';
    dpl = dpl.filter((e) => e.uuid !== 'e-serie-3');
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM activity WHERE theme_id = $1`, [
      themeId,
    ]);
    const result = await run(sourceId);
    expect(result).toMatchObject({ created: 0, updated: 0, cancelled: 2, unchanged: 4 });
    const list = await activities();
    expect(byExternal(list, 'e-online')).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: expect.stringMatching(/aflyst arrangementet på sin hjemmeside/),
    });
    expect(byExternal(list, 'e-serie-3')).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: expect.stringMatching(/fjernet fra bibliotekets hjemmeside/),
    });
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM activity WHERE theme_id = $1`, [
      themeId,
    ]);
    expect(after).toBe(before);
    const report = await server.ok(
      graphql(`
        query EventImportThemeReportAgain($id: ID!) {
          themeReport(themeId: $id) {
            activitiesTotal
            activitiesCancelled
          }
        }
      `),
      { id: themeId },
      { token: coordinator },
    );
    expect(report.themeReport).toEqual({ activitiesTotal: 6, activitiesCancelled: 2 });
    // And the next run has nothing to do.
    const still = await footprint();
    expect(await run(sourceId)).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: 5 });
    expect(await footprint()).toEqual(still);
  });

  it('lists the sources and their runs to the library and coordinators only, newest run first', async () => {
    const mine = await server.ok(SOURCES, { id: libraryId }, { token: staff });
    const source = mine.library!.eventSources!.find((s) => s.id === sourceId)!;
    expect(source.lastRun).toMatchObject({ outcome: 'PARTIAL', created: 0 });
    expect(source.runs.totalCount).toBeGreaterThanOrEqual(6);
    expect(source.runs.edges).toHaveLength(2);
    expect(source.runs.pageInfo.hasNextPage).toBe(true);
    const next = await server.ok(
      graphql(`
        query EventImportLibrary($id: ID!, $after: String) {
          library(id: $id) {
            eventSources {
              id
              runs(first: 100, after: $after) {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        }
      `),
      { id: libraryId, after: source.runs.pageInfo.endCursor },
      { token: coordinator },
    );
    const rest = next
      .library!.eventSources!.find((s) => s.id === sourceId)!
      .runs.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(rest).toHaveLength(source.runs.totalCount - 2);
    expect(rest).not.toContain(source.runs.edges[0].node.id);
    for (const token of [partner, otherStaff, undefined]) {
      const res = await server.gql(
        graphql(`
          query EventImportLibraryAgain($id: ID!) {
            library(id: $id) {
              eventSources {
                id
              }
            }
          }
        `),
        { id: libraryId },
        { token },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.library!.eventSources).toBeNull();
    }
  });
});

describe('an iCalendar source', () => {
  it('expands RRULE with EXDATE across the change to summer time and imports all-day events', async () => {
    site.set('/kalender.ics', { type: 'text/calendar; charset=utf-8', body: ICS });
    const id = await addSource({ kind: 'ICALENDAR', url: `${site.origin}/kalender.ics`, publishImmediately: false });
    const result = await run(id);
    expect(result).toMatchObject({ created: 3, error: null });
    // The fourth occurrence (14 April) is after the theme: not imported, and reported as outside
    // the theme's weeks when another (demo) theme's weeks make the run look that far.
    for (const s of result.skippedEvents)
      expect(s).toEqual({
        externalId: 'laesekreds@bibliotek.example/20270414T180000',
        title: 'Læsekreds: naturen i romanen',
        reason: expect.stringMatching(/outside the weeks of the theme/),
      });
    const list = (await activities()).filter((a) => a.source?.kind === 'ICALENDAR');
    const reading = list
      .filter((a) => a.source!.seriesId === 'laesekreds@bibliotek.example')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    // 24 March 18:00 CET and 7 April 18:00 CEST; 31 March is excluded, 14 April is after the theme.
    expect(reading.map((a) => [a.source!.externalId, a.startsAt, a.endsAt])).toEqual([
      ['laesekreds@bibliotek.example/20270324T180000', '2027-03-24T17:00:00.000Z', '2027-03-24T18:30:00.000Z'],
      ['laesekreds@bibliotek.example/20270407T180000', '2027-04-07T16:00:00.000Z', '2027-04-07T17:30:00.000Z'],
    ]);
    expect(reading[0]).toMatchObject({
      status: 'DRAFT',
      format: 'READING',
      description: 'Vi læser & taler om naturen.',
      venue: { name: 'Hovedbiblioteket, salen' },
      signupUrl: 'https://bibliotek.example/laesekreds',
    });
    expect(list.find((a) => a.source!.externalId === 'heldag@bibliotek.example')).toMatchObject({
      startsAt: '2027-03-28T22:00:00.000Z',
      endsAt: '2027-03-29T22:00:00.000Z',
      status: 'DRAFT',
    });
    const before = await footprint();
    expect(await run(id)).toMatchObject({ created: 0, unchanged: 3 });
    expect(await footprint()).toEqual(before);
  });
});

describe('authorization', () => {
  const input = (): AddEventSourceInput => ({
    libraryId,
    kind: 'DPL_CMS',
    url: `${site.origin}/auth-${Math.random()}`,
  });

  it('the library staff and coordinators manage sources; other libraries and partners get FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    for (const [token, code] of [
      [partner, 'FORBIDDEN'],
      [otherStaff, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await server.gql(ADD, { input: input() }, { token });
      expect(res.errors?.[0]?.extensions?.code, String(token)).toBe(code);
    }
    const id = await addSource({ kind: 'DPL_CMS', url: `${site.origin}/dpl-managed` }, coordinator);
    for (const send of [
      (token?: string) => server.gql(UPDATE, { id, input: { enabled: false } }, { token }),
      (token?: string) => server.gql(RUN, { id }, { token }),
      (token?: string) => server.gql(REMOVE, { id }, { token }),
    ]) {
      expect((await send(partner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await send(otherStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await send()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const updated = await server.ok(
      UPDATE,
      { id, input: { enabled: false, priceUnit: 'KRONER', themeTags: ['Klima'] } },
      { token: staff },
    );
    expect(updated.updateEventSource).toMatchObject({ enabled: false, priceUnit: 'KRONER', themeTags: ['Klima'] });
    const duplicate = await server.gql(
      ADD,
      { input: { libraryId, kind: 'DPL_CMS', url: `${site.origin}/dpl-managed` } },
      { token: staff },
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.url' });
    expect((await server.ok(REMOVE, { id }, { token: staff })).removeEventSource).toBe(true);
    expect((await server.gql(RUN, { id }, { token: staff })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses URLs that are not http(s) and malformed ids as BAD_USER_INPUT', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://bibliotek.example/x', 'javascript:alert(1)', 'ikke en url']) {
      const res = await server.gql(ADD, { input: { libraryId, kind: 'ICALENDAR', url } }, { token: staff });
      expect(res.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    }
    expect((await server.gql(RUN, { id: 'nope' }, { token: staff })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('shows coordinators and staff the Danish keyword table', async () => {
    const data = await server.ok(
      graphql(`
        query EventImportEventImportKeywords {
          eventImportKeywords {
            keyword
            audience
            format
          }
        }
      `),
      {},
      { token: staff },
    );
    expect(data.eventImportKeywords).toEqual(
      expect.arrayContaining([
        { keyword: 'børn', audience: 'CHILDREN', format: null },
        { keyword: 'foredrag', audience: null, format: 'TALK' },
      ]),
    );
    expect(
      (
        await server.gql(
          graphql(`
            query EventImportEventImportKeywordsAgain {
              eventImportKeywords {
                keyword
              }
            }
          `),
          {},
          { token: partner },
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('prices in kroner', () => {
  it('reads price.value as whole kroner when the source says so', async () => {
    site.set('/kroner/api/v1/events', {
      type: 'application/json',
      body: JSON.stringify([
        dplEvent({
          uuid: 'k-1',
          title: 'Koncert i kroner',
          tags: [TITLE],
          date_time: { start: '2027-04-01T19:00:00+02:00', end: '2027-04-01T21:00:00+02:00' },
          ticket_categories: [{ price: { currency: 'DKK', value: 75 } }],
        }),
      ]),
    });
    const id = await addSource({
      kind: 'DPL_CMS',
      url: `${site.origin}/kroner`,
      priceUnit: 'KRONER',
      publishImmediately: true,
    });
    expect(await run(id)).toMatchObject({ outcome: 'SUCCEEDED', created: 1 });
    expect(byExternal(await activities(), 'k-1')).toMatchObject({ priceDkk: 75 });
  });
});

describe('malformed sources and refused addresses', () => {
  const bigJson = '[' + ' '.repeat(10 * 1024 * 1024) + ']';
  const manyEvents = JSON.stringify(Array.from({ length: 5001 }, (_, i) => ({ uuid: `m-${i}`, title: 'x' })));
  const cases: [string, () => void, string, RegExp][] = [
    [
      'HTML instead of JSON',
      () =>
        site.set('/html/api/v1/events', {
          type: 'text/html; charset=utf-8',
          body: '<!doctype html><html><body>Velkommen</body></html>',
        }),
      '/html',
      /answered HTML \(a web page\) instead of JSON/,
    ],
    [
      'truncated JSON',
      () =>
        site.set('/cut/api/v1/events', { type: 'application/json', body: JSON.stringify(dplEvents()).slice(0, 500) }),
      '/cut',
      /did not answer valid JSON/,
    ],
    [
      'HTTP 500',
      () => site.set('/fejl/api/v1/events', { status: 500, type: 'text/plain', body: 'boom' }),
      '/fejl',
      /answered HTTP 500/,
    ],
    [
      'a 10 MB body',
      () => site.set('/stor/api/v1/events', { type: 'application/json', body: bigJson }),
      '/stor',
      /5 MB/,
    ],
    [
      'a 10 MB body without Content-Length',
      () =>
        site.set('/stor2/api/v1/events', {
          type: 'application/json',
          body: bigJson,
          headers: { 'transfer-encoding': 'chunked' },
        }),
      '/stor2',
      /5 MB/,
    ],
    [
      'over 5000 events',
      () => site.set('/mange/api/v1/events', { type: 'application/json', body: manyEvents }),
      '/mange',
      /at most 5000 are imported per run/,
    ],
    [
      'JSON that is no list of events',
      () => site.set('/objekt/api/v1/events', { type: 'application/json', body: '{"error":"nope"}' }),
      '/objekt',
      /not the list of events/,
    ],
    [
      'a redirect to a loopback host',
      () =>
        site.set('/omdiriger/api/v1/events', {
          status: 302,
          headers: { location: `http://localhost:${site.port}/dpl/api/v1/events` },
        }),
      '/omdiriger',
      /localhost resolves to .*loopback address/,
    ],
    [
      'more than 3 redirects',
      () => {
        for (let i = 0; i < 5; i++)
          site.set(`/r${i}/api/v1/events`, {
            status: 301,
            headers: { location: `${site.origin}/r${i + 1}/api/v1/events` },
          });
      },
      '/r0',
      /redirected more than 3 times/,
    ],
    [
      'an invalid iCalendar file',
      () =>
        site.set('/ugyldig.ics', {
          type: 'text/calendar',
          body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense',
        }),
      '/ugyldig.ics',
      /did not answer a valid iCalendar file/,
    ],
  ];

  for (const [name, setUp, path, reason] of cases) {
    it(`${name}: the run fails with the reason and writes nothing`, async () => {
      setUp();
      const kind = path.endsWith('.ics') ? 'ICALENDAR' : 'DPL_CMS';
      const id = await addSource({
        kind,
        url: `${site.origin}${path}`,
        publishImmediately: true,
        matchAllInThemeWeeks: true,
      });
      const before = await footprint();
      const result = await run(id);
      expect(result).toMatchObject({ outcome: 'FAILED', created: 0 });
      expect(result.error).toMatch(reason);
      expect(await footprint()).toEqual(before);
    });
  }

  it('a website that accepts the connection and never answers: the run fails at the fetch bound and writes nothing', async () => {
    const requests: string[] = [];
    const sockets = new Set<Socket>();
    const mute = http.createServer((req) => void requests.push(req.url ?? '')); // never answers
    mute.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mute.address() as AddressInfo;
      const id = await addSource({
        kind: 'DPL_CMS',
        url: `http://127.0.0.1:${port}/stille`,
        publishImmediately: true,
        matchAllInThemeWeeks: true,
      });
      const before = await footprint();
      const result = await run(id);
      expect(requests).toHaveLength(1);
      expect(result).toMatchObject({ outcome: 'FAILED', created: 0, updated: 0, cancelled: 0, unchanged: 0 });
      expect(result.error).toBe(
        'The source did not answer within 1 second; nothing was imported. Check that the URL answers.',
      );
      expect(result.finishedAt).not.toBeNull();
      expect(await footprint()).toEqual(before);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  for (const [url, reason] of [
    ['http://10.0.0.1/', /10\.0\.0\.1.*private network address/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254.*link-local/],
    ['http://[::1]:9/', /::1.*loopback/],
    ['http://0.0.0.0/', /unspecified/],
  ] as const) {
    it(`refuses ${url} after resolving it`, async () => {
      const id = await addSource({ kind: 'DPL_CMS', url });
      const result = await run(id);
      expect(result).toMatchObject({ outcome: 'FAILED' });
      expect(result.error).toMatch(reason);
    });
  }
});
