import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken, mainLibraryId } from './support/tokens.js';

/**
 * Property-based fuzzing of the real server over HTTP: random and malformed GraphQL documents,
 * variables, JSON bodies and headers, anonymous and with tokens. Whatever arrives, the answer is
 * never an HTTP 5xx, never INTERNAL_SERVER_ERROR and never names anything internal (SQL, tables,
 * stack frames). The number of runs is bounded so that the file stays quick on both databases;
 * FUZZ_RUNS scales it for a longer hunt (FUZZ_SEED replays one).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Per test: generous, as each run is one or two requests. */
const TIMEOUT_MS = 60_000 + RUNS * 2 * 400;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
  endOnFailure: true,
});

const schema: GraphQLSchema = buildSchema(
  readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'),
);

/** Every name the public schema shows: types, fields, arguments, input fields. */
const publicNames = new Set<string>(
  Object.values(schema.getTypeMap()).flatMap((type) => [
    type.name,
    ...(isObjectType(type) || isInterfaceType(type)
      ? Object.values(type.getFields()).flatMap((f) => [f.name, ...f.args.map((a) => a.name)])
      : []),
    ...(isInputObjectType(type) ? Object.keys(type.getFields()) : []),
  ]),
);

let server: TestServer;
let tokens: string[];
/** Tables of the database: no message may name one of them. */
let tables: string[];
beforeAll(async () => {
  server = await startTestServer({ env: { RESPONSE_CACHE: 'true' } });
  const library = await mainLibraryId(server.db, 851);
  tokens = await Promise.all([
    issueToken(server.db, 'PARTNER').then((t) => t.token),
    issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library }).then((t) => t.token),
    issueToken(server.db, 'COORDINATOR').then((t) => t.token),
  ]);
  const rows = (await server.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
  )) as { table_name: string }[];
  expect(rows.length).toBeGreaterThan(5);
  // A table that shares its name with a public field or argument (`library`) may be named as that.
  tables = rows.map((r) => r.table_name).filter((t) => !publicNames.has(t));
  expect(tables.length).toBeGreaterThan(3);
});
afterAll(async () => {
  await server?.stop();
});

/** What gives away internals: SQL, driver and ORM names, source files and stack frames. */
const INTERNAL =
  /relation "|column "|constraint "|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b \S+ \bSET\b|QueryFailedError|EntityNotFound|typeorm|pglite|node_modules|\.[cm]?[jt]s:\d+|\n\s+at |SQLSTATE|duplicate key|violates/i;

interface Answer {
  status: number;
  text: string;
}

/** The properties every answer has, whatever was sent. */
function checkAnswer(sent: unknown, answer: Answer): void {
  const context = JSON.stringify(sent).slice(0, 2_000);
  expect(answer.status, `HTTP ${answer.status} for ${context}: ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    body = undefined; // not every answer is JSON (the landing page); the text is still checked below
  }
  for (const error of body?.errors ?? []) {
    expect(error.extensions?.code, `INTERNAL_SERVER_ERROR for ${context}: ${String(error.message)}`).not.toBe(
      'INTERNAL_SERVER_ERROR',
    );
    expect(typeof error.message).toBe('string');
  }
  const messages = (body?.errors ?? []).map((e) => String(e.message)).join('\n');
  expect(messages, `internal detail for ${context}`).not.toMatch(INTERNAL);
  for (const table of tables) {
    if (table.includes('_'))
      expect(messages, `table ${table} named for ${context}`).not.toMatch(new RegExp(`\\b${table}\\b`));
    expect(messages, `table ${table} named for ${context}`).not.toContain(`"${table}"`);
  }
}

async function send(init: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<Answer> {
  const res = await fetch(`${server.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, text: await res.text() };
}

// ---- arbitraries ---------------------------------------------------------------------------

/** Strings that tend to break things: NUL, lone surrogates, quotes, SQL, huge, unicode, markup. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    "'; DROP TABLE theme; --",
    '" OR 1=1 --',
    '%',
    '_',
    '\\',
    '</script><script>alert(1)</script>',
    'vores-natur',
    'DK-775100',
    '00000000-0000-0000-0000-000000000000',
    'ZZZZ',
    '9'.repeat(40),
    '2020-04-13',
    '2020-04-13T10:00:00+02:00',
    'not a date',
    'https://example.org/x',
    'javascript:alert(1)',
    '\u202eevil',
    '\u200b',
  ),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(2_000)),
);

const nastyNumber = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 1e308, 0.5, Number.MAX_SAFE_INTEGER),
);

/** A JSON value for an input of this type: mostly well typed, sometimes not. */
function inputValue(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
  const nullable = getNullableType(type);
  let right: fc.Arbitrary<unknown>;
  if (isListType(nullable)) {
    right = depth > 2 ? fc.constant([]) : fc.array(inputValue(nullable.ofType, depth + 1), { maxLength: 4 });
  } else if (isEnumType(nullable)) {
    right = fc.constantFrom(...nullable.getValues().map((v) => v.name));
  } else if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    right =
      depth > 2
        ? fc.constant({})
        : fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, depth + 1)])), {
            requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
          });
  } else if (isScalarType(nullable) && (nullable.name === 'Int' || nullable.name === 'Float')) {
    right = nastyNumber;
  } else if (isScalarType(nullable) && nullable.name === 'Boolean') {
    right = fc.boolean();
  } else {
    right = nastyString;
  }
  return fc.oneof({ arbitrary: right, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

/** A GraphQL literal for a JSON value (enums as names when the type says so). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const nullable = type && getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return nullable && isEnumType(nullable) && /^[A-Z_]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, nullable && isListType(nullable) ? nullable.ofType : undefined)).join(', ')}]`;
  const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
  return `{ ${Object.entries(value as object)
    .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`)
    .join(', ')} }`;
}

interface Built {
  document: string;
  variables: Record<string, unknown>;
}

/** A random document over the schema: fields, arguments (inline or as variables), aliases, fragments, directives. */
const schemaDocument: fc.Arbitrary<Built> = fc.gen().map((g) => {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const fragments: string[] = [];
  let counter = 0;

  const argument = (arg: GraphQLArgument): string | undefined => {
    if (!isNonNullType(arg.type) && g(fc.boolean)) return undefined;
    const value = g(() => inputValue(arg.type, 0));
    if (g(fc.integer, { min: 0, max: 3 }) === 0) {
      const name = `v${counter++}`;
      declarations.push(`$${name}: ${arg.type.toString()}`);
      variables[name] = value;
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${literal(value, arg.type)}`;
  };

  const selection = (type: GraphQLCompositeType, depth: number): string => {
    if (isAbstractType(type)) {
      const possible = schema.getPossibleTypes(type);
      const target = possible[g(fc.integer, { min: 0, max: possible.length - 1 })];
      return `__typename ... on ${target.name} { ${selection(target, depth + 1)} }`;
    }
    const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const count = g(fc.integer, { min: 1, max: Math.min(4, fields.length) });
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = fields[g(fc.integer, { min: 0, max: fields.length - 1 })];
      const named = getNamedType(field.type);
      if (isCompositeType(named) && depth >= 5) {
        parts.push('__typename');
        continue;
      }
      const args = field.args.map(argument).filter((a): a is string => a !== undefined);
      const alias = g(fc.integer, { min: 0, max: 4 }) === 0 ? `a${counter++}: ` : '';
      const directive = g(fc.integer, { min: 0, max: 9 }) === 0 ? ` @include(if: ${g(fc.boolean)})` : '';
      const head = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}`;
      if (!isCompositeType(named)) {
        parts.push(head);
      } else if (g(fc.integer, { min: 0, max: 5 }) === 0) {
        const name = `F${counter++}`;
        fragments.push(`fragment ${name} on ${named.name} { ${selection(named, depth + 1)} }`);
        parts.push(`${head} { ...${name} }`);
      } else {
        parts.push(`${head} { ${selection(named, depth + 1)} }`);
      }
    }
    return parts.join(' ');
  };

  const mutation = g(fc.integer, { min: 0, max: 3 }) === 0;
  const root = (mutation ? schema.getMutationType() : schema.getQueryType())!;
  const body = selection(root, 1);
  const head = `${mutation ? 'mutation' : 'query'} Fuzz${declarations.length ? `(${declarations.join(', ')})` : ''}`;
  return { document: [`${head} { ${body} }`, ...fragments].join('\n'), variables };
});

/** A valid-looking document broken in a random place. */
const brokenDocument: fc.Arbitrary<string> = fc
  .tuple(
    schemaDocument,
    fc.nat(),
    fc.nat({ max: 40 }),
    fc.string({
      maxLength: 6,
      unit: fc.constantFrom('{', '}', '(', ')', '$', '@', '.', '"', ':', '!', '#', '\\', '\u0000', ' ', 'a', '1'),
    }),
  )
  .map(([built, at, cut, insert]) => {
    const i = at % (built.document.length + 1);
    return built.document.slice(0, i) + insert + built.document.slice(i + cut);
  });

const headerValue = fc.oneof(
  nastyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s) && s.length < 4_000),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', 'Bearer thb_x', 'application/json', 'text/plain', '*/*'),
);

const headers: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    authorization: fc.oneof(
      headerValue,
      fc.nat({ max: 2 }).map((i) => `Bearer ${tokens[i]}`),
    ),
    'content-type': fc.oneof(fc.constant('application/json'), headerValue),
    accept: headerValue,
    'x-request-id': headerValue,
    'x-forwarded-for': headerValue,
  },
  { requiredKeys: [] },
);

// ---- properties ------------------------------------------------------------------------------

describe('fuzzing the GraphQL endpoint', () => {
  it(
    'answers random documents over the schema, with random arguments and variables, anonymous or with a token',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaDocument, fc.option(fc.nat({ max: 2 })), async ({ document, variables }, token) => {
          const sent = { query: document, variables };
          const authorization: Record<string, string> =
            token === null ? {} : { authorization: `Bearer ${tokens[token]}` };
          checkAnswer(
            sent,
            await send({
              headers: { 'content-type': 'application/json', ...authorization },
              body: JSON.stringify(sent),
            }),
          );
        }),
        params(RUNS * 2),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers broken documents and random text',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(brokenDocument, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
          async (query) => {
            checkAnswer(
              { query },
              await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }),
            );
          },
        ),
        params(RUNS),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers random JSON bodies: wrong shapes, batches, odd variables, extensions and operation names',
    async () => {
      const field = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        schemaDocument.map((b) => b.document),
        nastyString,
      );
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 5 }),
        fc.record(
          {
            query: field,
            variables: field,
            operationName: field,
            extensions: fc.oneof(field, fc.record({ persistedQuery: field })),
          },
          { requiredKeys: [] },
        ),
        fc.array(fc.record({ query: field }), { maxLength: 3 }),
      );
      await fc.assert(
        fc.asyncProperty(body, async (json) => {
          checkAnswer(
            json,
            await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }),
          );
        }),
        params(RUNS),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers malformed bodies and random headers',
    async () => {
      const raw = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(
          '{',
          '{"query":',
          '{"query": "{ regions { code } }"',
          'null',
          '[]',
          '""',
          '{"query": "{ regions { code } }", "variables": "x"}',
          '\u0000',
          '{"__proto__": {"query": 1}}',
        ),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v).slice(0, -1)),
      );
      await fc.assert(
        fc.asyncProperty(raw, headers, async (body, hdrs) => {
          checkAnswer({ body, hdrs }, await send({ headers: hdrs, body }));
        }),
        params(RUNS),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers GET requests with random query strings and headers',
    async () => {
      const param = fc.oneof(
        nastyString,
        schemaDocument.map((b) => b.document),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      );
      const query = fc.record(
        { query: param, variables: param, operationName: param, extensions: param },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(query, headers, async (q, hdrs) => {
          const url = new URLSearchParams(q as Record<string, string>);
          checkAnswer(
            { q, hdrs },
            await send({
              method: 'GET',
              path: `/graphql?${url.toString()}`,
              headers: { accept: 'application/json', ...hdrs, 'content-type': 'application/json' },
            }),
          );
        }),
        params(RUNS),
      );
    },
    TIMEOUT_MS,
  );
});
