// The event-source functions of the library-platform SDK against the real server and a fixture website.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken, mainLibraryId } from '../../../server/test/support/tokens.js';
import { dplEvent, startFixtureSite, type FixtureSite } from '../../../server/test/support/event-fixtures.js';
import { createClient, TemahubError, type LibraryPlatformClient } from '../src/index.js';

let server: TestServer;
let site: FixtureSite;
let staff: LibraryPlatformClient;
let libraryId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { IMPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1', IMPORT_INTERVAL_MINUTES: '0' } });
  site = await startFixtureSite();
  libraryId = await mainLibraryId(server.db, 461);
  staff = createClient({
    url: server.graphqlUrl,
    token: (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId })).token,
  });
  const [theme] = await server.db.query(
    `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week) VALUES (112, 'sdk-tema', 'SDK-tema', 's', 'd', 2027, 20, 21) RETURNING id`,
  );
  await server.db.query(
    `INSERT INTO registration (theme_id, library_id, contact_name, contact_email) VALUES ($1, $2, 'Ib', 'ib@bibliotek.example')`,
    [theme.id, libraryId],
  );
  site.set('/site/api/v1/events', {
    type: 'application/json',
    body: JSON.stringify([
      dplEvent({
        uuid: 'sdk-1',
        title: 'Oplæsning for børn',
        tags: ['SDK-tema'],
        categories: ['Oplæsning', 'Børn'],
        date_time: { start: '2027-05-19T10:00:00+02:00', end: '2027-05-19T11:00:00+02:00' },
      }),
    ]),
  });
});
afterAll(async () => {
  await site?.close();
  await server?.stop();
});

describe('library-platform SDK: event sources', () => {
  it('adds, runs, lists, updates and removes a source', async () => {
    const { addEventSource: source } = await staff.addEventSource({
      input: { libraryId, kind: 'DPL_CMS', url: `${site.origin}/site` },
    });
    expect(source).toMatchObject({
      kind: 'DPL_CMS',
      priceUnit: 'OERE',
      publishImmediately: false,
      enabled: true,
      lastRun: null,
    });
    const { runEventSource: run } = await staff.runEventSource({ id: source.id });
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', created: 1, skipped: 0, skippedEvents: [], error: null });
    const { library } = await staff.myEventSources({ libraryId });
    expect(library?.eventSources).toEqual([
      expect.objectContaining({ id: source.id, lastRun: expect.objectContaining({ id: run.id }) }),
    ]);
    const runs = await staff.myEventSourceRuns({ libraryId, first: 10 });
    expect(runs.library?.eventSources?.[0]?.runs.totalCount).toBe(1);
    const { updateEventSource: updated } = await staff.updateEventSource({
      id: source.id,
      input: { publishImmediately: true, themeTags: ['Oplæsning'] },
    });
    expect(updated).toMatchObject({ publishImmediately: true, themeTags: ['Oplæsning'] });
    expect((await staff.removeEventSource({ id: source.id })).removeEventSource).toBe(true);
    const error = await staff.runEventSource({ id: source.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemahubError);
    expect((error as TemahubError).code).toBe('NOT_FOUND');
  });
});
