import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** The partner-site SDK's manifest, as codegen writes it: `sha256:<hex>` → document text. */
const manifest = JSON.parse(
  readFileSync('clients/partner-site/src/__generated__/persisted-documents.json', 'utf8'),
) as Record<string, string>;

function sdkDocument(operationName: string): { hash: string; text: string } {
  const entry = Object.entries(manifest).find(([, text]) => new RegExp(`(^|\\} )query ${operationName}\\b`).test(text));
  if (!entry) throw new Error(`no ${operationName} in the partner-site manifest`);
  return { hash: entry[0].replace(/^sha256:/, ''), text: entry[1] };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

// Text, not a typed document: the tests hash this exact text.
const FREE_QUERY = '{ currentTheme { title } municipalities { code } }';
/** What FREE_QUERY answers. */
interface FreeAnswer {
  currentTheme: { title: string } | null;
  municipalities: { code: number }[];
}

/** The server's log lines (parsed), as collected by startTestServer's `logLines`. */
type LogLine = { level: number; msg: string; err?: { stack?: string } };
const parsed = (lines: string[]): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
/** Lines at warn (40) or above, or carrying an error's stack. */
const alarming = (lines: string[]) => parsed(lines).filter((l) => l.level >= 40 || l.err?.stack !== undefined);

/** A GraphQL answer over HTTP, its data typed by the caller. */
interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs a raw GraphQL-over-HTTP body (the test support's gql always sends a query). */
async function post<T = unknown>(
  server: TestServer,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Answer<T>;
  return { status: res.status, headers: res.headers, ...json };
}

describe('persisted operations off (the default)', () => {
  let server: TestServer;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ logLines: logs });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets anonymous callers run any document', async () => {
    expect(server.config.persistedOperations).toBe('off');
    const data = await server.ok<FreeAnswer>(FREE_QUERY);
    expect(data.municipalities).toHaveLength(98);
  });

  it('still speaks Apollo APQ: an unknown hash asks for the text, after which the hash alone works', async () => {
    const { hash, text } = sdkDocument('Regions');
    const first = await post(server, { extensions: apq(hash) });
    expect(first.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post<{ regions: unknown[] }>(server, { query: text, extensions: apq(hash) });
    expect(registered.data!.regions).toHaveLength(5);
    const again = await post<{ regions: unknown[] }>(server, { extensions: apq(hash) });
    expect(again.errors).toBeUndefined();
    expect(again.data!.regions).toHaveLength(5);
  });

  it('answers APQ client errors with HTTP 400 and their code, never INTERNAL_SERVER_ERROR, and logs them at info at most', async () => {
    logs.length = 0;
    const cases: [Record<string, unknown>, string][] = [
      [{ extensions: apq(sha256('{ unknown }')) }, 'PERSISTED_QUERY_NOT_FOUND'],
      [{ extensions: { persistedQuery: { version: 1, sha256Hash: 123 } } }, 'BAD_USER_INPUT'],
      [{ extensions: { persistedQuery: { version: 1, sha256Hash: { $gt: '' } } } }, 'BAD_USER_INPUT'],
      [{ extensions: { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } } }, 'BAD_USER_INPUT'],
      [
        { extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ x }') } } },
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ],
      [{ query: '{ regions { code } }', extensions: { persistedQuery: 'yes' } }, 'PERSISTED_QUERY_NOT_SUPPORTED'],
      [{ query: '{ regions { code } }', extensions: { persistedQuery: null } }, 'PERSISTED_QUERY_NOT_SUPPORTED'],
    ];
    for (const [body, code] of cases) {
      const res = await post(server, body);
      expect({ body, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({
        body,
        status: 400,
        code,
      });
      expect(res.data).toBeUndefined();
    }
    // The same over GET.
    const url = new URL(server.graphqlUrl);
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 2, sha256Hash: sha256('{ x }') } }));
    const get = await fetch(url, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as Answer<never>).errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(parsed(logs).filter((l) => l.msg === 'request')).toHaveLength(cases.length + 1);
    expect(alarming(logs)).toEqual([]);
  });

  it('keeps a NUL byte in an anonymous argument BAD_USER_INPUT, logged without error level or stack', async () => {
    logs.length = 0;
    const res = await server.gql('{ theme(slug: "vores\\u0000natur") { title } }');
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/NUL byte/);
    expect(parsed(logs).map((l) => l.msg)).toContain('request');
    expect(alarming(logs)).toEqual([]);
  });
});

describe('persisted operations in safelist mode', () => {
  let server: TestServer;
  let partnerToken: string;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { PERSISTED_OPERATIONS: 'safelist' }, logLines: logs });
    partnerToken = (await issueToken(server.db, 'PARTNER')).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs an SDK document sent as text by an anonymous caller', async () => {
    const { text } = sdkDocument('ThemePage');
    const res = await post<{ theme: { title: string } }>(server, { query: text, variables: { slug: 'vores-natur' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.theme.title).toBe('Vores natur');
  });

  it('runs an SDK document sent as text with its APQ hash', async () => {
    const { hash, text } = sdkDocument('Municipalities');
    const res = await post<{ municipalities: { region: string }[] }>(server, {
      query: text,
      variables: { region: 'NORDJYLLAND' },
      extensions: apq(hash),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipalities.length).toBeGreaterThan(5);
    expect(res.data!.municipalities.every((m) => m.region === 'NORDJYLLAND')).toBe(true);
  });

  it('looks up an SDK document by its hash alone (APQ without text), also over GET', async () => {
    const { hash } = sdkDocument('SearchActivities');
    const res = await post<{ activities: { edges: unknown[] } }>(server, {
      variables: { themeSlug: 'vores-natur', first: 3 },
      extensions: apq(hash),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.activities.edges).toHaveLength(3);

    const regions = sdkDocument('Regions');
    const url = new URL(server.graphqlUrl);
    url.searchParams.set('extensions', JSON.stringify(apq(regions.hash)));
    const get = await fetch(url, { headers: { accept: 'application/json' } });
    const body = (await get.json()) as Answer<{ regions: unknown[] }>;
    expect(body.errors).toBeUndefined();
    expect(body.data!.regions).toHaveLength(5);
  });

  it('refuses an anonymous document that is not an SDK operation with FORBIDDEN, HTTP 403 and an explanation, before running it, logged at info', async () => {
    logs.length = 0;
    const res = await post(server, { query: FREE_QUERY });
    expect(res.status).toBe(403);
    expect(alarming(logs)).toEqual([]);
    expect(parsed(logs)).toContainEqual(expect.objectContaining({ level: 30, msg: 'request', status: 403 }));
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors![0]!.message).toMatch(/only the operations of the published Temahub SDKs/);
    expect(res.errors![0]!.message).toMatch(/API token/);
    expect(res.headers.get('x-sql-statements')).toBe('0');
  });

  it('refuses an SDK document changed in any way, even only in layout', async () => {
    const { text } = sdkDocument('Regions');
    const res = await post(server, { query: `${text} ` });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers PERSISTED_QUERY_NOT_FOUND with HTTP 400 for an unknown hash without text', async () => {
    const res = await post(server, { extensions: apq(sha256(FREE_QUERY)) });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(res.data).toBeUndefined();
  });

  it('does not let a hash registered through APQ by a token holder open a document to anonymous callers', async () => {
    const hash = sha256(FREE_QUERY);
    const registered = await post(
      server,
      { query: FREE_QUERY, extensions: apq(hash) },
      { authorization: `Bearer ${partnerToken}` },
    );
    expect(registered.errors).toBeUndefined();
    const anonymous = await post(server, { extensions: apq(hash) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anonymous.data).toBeUndefined();
  });

  it('keeps introspection open to anonymous callers, but not mixed with data', async () => {
    const schema = await post<{ __schema: { types: { name: string }[] } }>(server, {
      query: '{ __schema { queryType { name } types { name } } }',
    });
    expect(schema.errors).toBeUndefined();
    expect(schema.data!.__schema.types.map((t) => t.name)).toContain('ActivityFilter');
    const type = await post<{ __type: { fields: { name: string }[] } }>(server, {
      query: '{ __type(name: "Theme") { fields { name } } }',
    });
    expect(type.data!.__type.fields.map((f) => f.name)).toContain('participantCount');
    const mixed = await post(server, { query: '{ __typename currentTheme { title } }' });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps free queries for callers with a valid token', async () => {
    const data = await server.ok<FreeAnswer>(FREE_QUERY, {}, { token: partnerToken });
    expect(data.municipalities).toHaveLength(98);
    expect(data.currentTheme!.title.length).toBeGreaterThan(0);
  });

  it('answers UNAUTHENTICATED, not FORBIDDEN, for a free query with an unknown token', async () => {
    const res = await server.gql(FREE_QUERY, {}, { token: 'th_not-a-real-token-but-well-formed-enough-0000000000' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? undefined).toBeUndefined();
  });
});
