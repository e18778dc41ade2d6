// The event-import functions of the coordinator SDK against the real server and a fixture website.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken, mainLibraryId } from '../../../server/test/support/tokens.js';
import { startFixtureSite, type FixtureSite } from '../../../server/test/support/event-fixtures.js';
import { createClient, type CoordinatorClient } from '../src/index.js';

let server: TestServer;
let site: FixtureSite;
let coordinator: CoordinatorClient;
let libraryId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { IMPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1', IMPORT_INTERVAL_MINUTES: '0' } });
  site = await startFixtureSite();
  libraryId = await mainLibraryId(server.db, 561);
  coordinator = createClient({ url: server.graphqlUrl, token: (await issueToken(server.db, 'COORDINATOR')).token });
  site.set('/feed.ics', { type: 'text/html', body: '<html>Ikke en kalender</html>' });
});
afterAll(async () => {
  await site?.close();
  await server?.stop();
});

describe('coordinator SDK: event import', () => {
  it('manages any library’s sources and reads their runs and the keyword table', async () => {
    const { addEventSource: source } = await coordinator.addLibraryEventSource({
      input: { libraryId, kind: 'ICALENDAR', url: `${site.origin}/feed.ics` },
    });
    const { runEventSource: run } = await coordinator.runLibraryEventSource({ id: source.id });
    expect(run).toMatchObject({ outcome: 'FAILED', created: 0, source: { id: source.id } });
    expect(run.error).toMatch(/answered HTML \(a web page\) instead of an iCalendar file/);
    const { library } = await coordinator.libraryEventImport({ libraryId, runs: 5 });
    expect(library?.eventSources?.[0]?.runs.edges.map((e) => e.node.outcome)).toEqual(['FAILED']);
    const { updateEventSource: updated } = await coordinator.updateLibraryEventSource({
      id: source.id,
      input: { enabled: false },
    });
    expect(updated.enabled).toBe(false);
    const { eventImportKeywords } = await coordinator.eventImportKeywords();
    expect(eventImportKeywords).toContainEqual({ keyword: 'værksted', audience: null, format: 'WORKSHOP' });
    expect((await coordinator.removeLibraryEventSource({ id: source.id })).removeEventSource).toBe(true);
  });
});
