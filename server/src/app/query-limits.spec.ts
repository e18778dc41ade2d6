import { readdirSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitViolation, measureOperation, STATEMENT_COST, type QueryMeasure } from './query-limits.js';

const LIMITS = { maxDepth: 12, maxComplexity: 5000, maxFields: 2000, maxAliases: 30 };
const WITHIN: QueryMeasure = { depth: 12, cost: 5000, fields: 2000, aliases: 30, schemaFields: 1, typeFields: 10 };

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
});

/** Depth and cost of the (only or named) operation of a valid document. */
function measure(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const { depth, cost } = measureFully(source, variables, operationName);
  return { depth, cost };
}

/** Measures the (only or named) operation of a document after checking it is valid. */
function measureFully(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  if (!operation) throw new Error(`no operation ${operationName ?? ''}`);
  return measureOperation(schema, document, operation, variables);
}

describe('measureOperation: the cost model', () => {
  it('costs 1 per object; scalars and enums are free; a root field runs a statement and costs at least 10', () => {
    expect(measure('{ currentTheme { title slug status } }')).toEqual({ depth: 2, cost: STATEMENT_COST });
    expect(measure('{ currentTheme { title image { url } partners { role } } }')).toEqual({
      depth: 3,
      cost: 1 + 1 + 20,
    });
  });

  it('prices every search, connection and totalCount at least 10, because each runs a statement', () => {
    // Each alias of a search runs its own SQL, even with first: 0.
    expect(measure('{ activities(first: 0) { totalCount } }').cost).toBe(1 + STATEMENT_COST);
    expect(
      measure(
        '{ a: activities(first: 0) { pageInfo { hasNextPage } } b: activities(first: 0, filter: { search: "natur" }) { totalCount } }',
      ).cost,
    ).toBe(STATEMENT_COST + 1 + STATEMENT_COST);
    // A nested connection, with its totalCount, in each of 20 themes.
    expect(measure('{ themes { edges { node { activities(first: 1) { totalCount } } } } }').cost).toBe(
      1 + 20 * (1 + 1 + (1 + STATEMENT_COST)),
    );
    // 4,900 aliased counts (the document) no longer fit under 5,000.
    const aliased = `{ ${Array.from({ length: 4900 }, (_, i) => `s${i}: activities(first: 0, filter: { search: "natur ${i}" }) { totalCount }`).join(' ')} }`;
    const measured = measureFully(aliased);
    expect(measured).toMatchObject({ cost: 4900 * (1 + STATEMENT_COST), aliases: 4900 });
    expect(limitViolation(measured, LIMITS)).toBe(
      'The query has 9800 fields once its fragments are expanded; the limit is 2000. Spread fewer fragments, or split the query.',
    );
    expect(limitViolation({ ...measured, fields: 0 }, LIMITS)).toBe(
      'The query has 4900 aliased fields; the limit is 30. Send a query per item, or use a list field with a filter.',
    );
    expect(limitViolation({ ...measured, fields: 0, aliases: 0 }, LIMITS)).toMatch(
      /^The query costs 53900; the limit is 5000\. .*every search, connection and totalCount costs at least 10/,
    );
  });

  it('multiplies a plain list by its estimate: 100 municipalities, 10 libraries each', () => {
    // 100 municipalities × (itself + 10 libraries)
    expect(measure('{ municipalities { code name libraries { name isil } } }')).toEqual({
      depth: 3,
      cost: 100 * (1 + 10 * 1),
    });
  });

  it('prices a theme page with 50 activities and their library and partners well under the limit', () => {
    const themePage = `
      query ThemePage($slug: String!) {
        theme(slug: $slug) {
          title summary
          partners { role partner { name } }
          activities(first: 50) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id title startsAt library { name municipality { name } } partners { name } } }
          }
        }
      }`;
    const partners = 20 * (1 + 1); // Theme.partners: 20 × (the ThemePartner + its partner)
    const node = 1 + (1 + 1) + 5 * 1; // the activity, its library and the library's municipality, 5 partners
    const activities = 1 + STATEMENT_COST + 1 + 50 * (1 + node); // the connection, its totalCount and pageInfo, 50 × (edge + node)
    expect(measure(themePage, { slug: 'vores-natur' })).toEqual({ depth: 7, cost: 1 + partners + activities });
    expect(1 + partners + activities).toBe(503);
  });

  it('rejects nested connections that multiply: 100 themes × 100 activities × 100 activities of their library', () => {
    const abuse = `{
      themes(first: 100) { edges { node {
        activities(first: 100) { edges { node {
          library { activities(first: 100) { edges { node { id } } } }
        } } }
      } } }
    }`;
    const inner = 1 + 100 * (1 + 1); // activities(first: 100) { edges { node { id } } }: connection + 100 × (edge + node)
    const middle = 1 + 100 * (1 + (1 + (1 + inner))); // 100 × (edge + node + library + its activities)
    const cost = 1 + 100 * (1 + (1 + middle));
    const measured = measure(abuse);
    expect(measured).toMatchObject({ depth: 11, cost });
    expect(cost).toBe(2_040_301);
    expect(limitViolation(measureFully(abuse), LIMITS)).toBe(
      'The query costs 2040301; the limit is 5000. Every object it may return costs 1, so a list multiplies the cost of what is selected in it by its size (`first`, default 20), ' +
        'and every search, connection and totalCount costs at least 10: ask for smaller pages, fewer nested lists, or page through in separate queries.',
    );
  });

  it('takes first from variables and from variable defaults, 20 when absent, and clamps it to 100', () => {
    const query = 'query ($first: Int = 7) { activities(first: $first) { edges { node { id } } } }';
    const costOf = (first: number) => 1 + first * (1 + 1);
    expect(measure(query).cost).toBe(costOf(7));
    expect(measure(query, { first: 40 }).cost).toBe(costOf(40));
    expect(measure('{ activities { edges { node { id } } } }').cost).toBe(costOf(20));
    // The resolver answers BAD_USER_INPUT on first > 100; the cost check must not hide that message.
    expect(measure(query, { first: 100_000 }).cost).toBe(costOf(100));
  });

  it('applies a connection`s first to its edges only, not to lists further down', () => {
    // connection + 10 × (edge + node + 5 partners)
    expect(measure('{ activities(first: 10) { edges { node { partners { name } } } } }').cost).toBe(
      1 + 10 * (1 + 1 + 5 * 1),
    );
  });

  it('follows fragments (named and inline) for depth and cost', () => {
    const query = `
      query { activities(first: 3) { ...Page } }
      fragment Page on ActivityConnection { edges { node { ...Item } } }
      fragment Item on Activity { title ... on Activity { library { municipality { name } } } }`;
    expect(measure(query)).toEqual({ depth: 6, cost: 1 + 3 * (1 + 1 + 1 + 1) }); // connection + 3 × (edge + node + library + municipality)
  });

  it('measures a fragment once but prices it with the page size of each connection it is spread in', () => {
    const query = `
      { a: activities(first: 5) { ...Page } b: activities(first: 50) { ...Page } }
      fragment Page on ActivityConnection { edges { node { id library { name } } } }`;
    expect(measureFully(query)).toMatchObject({ depth: 5, cost: 1 + 5 * 3 + (1 + 50 * 3), fields: 2 * 6, aliases: 2 });
  });

  it('counts the fields of every spread, linearly: 24 fragments each spreading the next twice are 2^25 − 1 fields', () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 24; i++) query += ` fragment F${i} on Query { __typename ...F${i + 1} ...F${i + 1} }`;
    query += ' fragment F24 on Query { __typename }';
    const measured = measureFully(query);
    expect(measured).toMatchObject({ depth: 1, cost: 0, fields: 2 ** 25 - 1 });
    expect(limitViolation(measured, LIMITS)).toBe(
      'The query has 33554431 fields once its fragments are expanded; the limit is 2000. Spread fewer fragments, or split the query.',
    );
  });

  it('cuts fragment cycles and ignores unknown fields and fragments, so that it can run before validation', () => {
    const document = parse(
      '{ ...A nope { x } ...Missing } fragment A on Query { currentTheme { title } ...B } fragment B on Query { ...A }',
    );
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(measureOperation(schema, document, operation)).toMatchObject({ depth: 2, cost: STATEMENT_COST, fields: 3 });
  });

  it('leaves out fields under @skip(if: true) and @include(if: false)', () => {
    const query =
      'query ($full: Boolean!) { currentTheme { title partners @include(if: $full) { role } materials @skip(if: true) { title } } }';
    expect(measure(query, { full: false })).toEqual({ depth: 2, cost: STATEMENT_COST });
    expect(measure(query, { full: true })).toEqual({ depth: 3, cost: 1 + 20 });
    // A malformed directive value counts the field (validation or execution answers it).
    expect(measure('query ($x: Boolean!) { currentTheme { partners @skip(if: $x) { role } } }', { x: null })).toEqual({
      depth: 3,
      cost: 1 + 20,
    });
  });

  it('prices introspection like other objects, with the mean list sizes of this schema, and lets the standard introspection query through', () => {
    for (const options of [
      {},
      {
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
        schemaDescription: true,
      },
    ]) {
      const measured = measureFully(getIntrospectionQuery(options));
      expect(limitViolation(measured, LIMITS)).toBeUndefined();
      expect(measured.cost).toBeGreaterThan(1000); // 81 types with their fields, arguments, enum values…
      expect(measured.cost).toBeLessThan(LIMITS.maxComplexity / 2);
      expect(measured.schemaFields).toBe(1);
    }
    const types = Object.keys(schema.getTypeMap()).length;
    expect(measure('{ __schema { types { name } } }')).toEqual({ depth: 1, cost: 1 + types });
    expect(measure('{ __type(name: "Theme") { name } }')).toEqual({ depth: 1, cost: 1 });
    expect(measure('{ __typename currentTheme { __typename title } }')).toEqual({ depth: 2, cost: STATEMENT_COST });
  });

  it('allows one __schema and ten __type root fields per document, through fragments too', () => {
    const twice = measureFully(
      '{ ...S a: __schema { queryType { name } } } fragment S on Query { __schema { queryType { name } } }',
    );
    expect(twice).toMatchObject({ schemaFields: 2, typeFields: 0 });
    expect(limitViolation(twice, LIMITS)).toBe(
      'The query asks for __schema 2 and __type 0 times; the limits are 1 and 10. Ask for the schema once (it is also published as schema/schema.graphql).',
    );
    const types = measureFully(
      `{ ${Array.from({ length: 11 }, (_, i) => `t${i}: __type(name: "Theme") { name }`).join(' ')} }`,
    );
    expect(types.typeFields).toBe(11);
    expect(limitViolation(types, LIMITS)).toMatch(/__type 11 times; the limits are 1 and 10/);
    expect(limitViolation({ ...types, typeFields: 10 }, LIMITS)).toBeUndefined();
    // The 2,000 aliases of __schema: refused for their number, not answered with 132 MB.
    const many = measureFully(
      `{ ${Array.from({ length: 2000 }, (_, i) => `s${i}: __schema { types { fields { name } } }`).join(' ')} }`,
    );
    expect(many).toMatchObject({ schemaFields: 2000, aliases: 2000 });
    expect(limitViolation(many, LIMITS)).toMatch(/^The query asks for __schema 2000 /);
  });

  it('counts depth from the root and names the limit in the message', () => {
    const deep =
      '{ activities { edges { node { library { municipality { libraries { activities { edges { node { theme { activities { edges { node { id } } } } } } } } } } } } } }';
    const measured = measureFully(deep);
    expect(measured.depth).toBe(14);
    expect(limitViolation(measured, LIMITS)).toBe(
      'The query is 14 fields deep; the limit is 12. Ask for nested objects in a separate query (e.g. by id).',
    );
    expect(limitViolation(WITHIN, LIMITS)).toBeUndefined();
    expect(limitViolation({ ...WITHIN, fields: 2001 }, LIMITS)).toMatch(/^The query has 2001 fields/);
    expect(limitViolation({ ...WITHIN, aliases: 31 }, LIMITS)).toMatch(/^The query has 31 aliased fields/);
  });
});

/** Every operation of the clients' SDKs, with each client's shared fragments. */
function sdkOperations(): { client: string; source: string; name: string; declaresFirst: boolean }[] {
  const clientsDir = new URL('../../../clients/', import.meta.url);
  const result: { client: string; source: string; name: string; declaresFirst: boolean }[] = [];
  for (const client of readdirSync(clientsDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = new URL(`${client.name}/operations/`, clientsDir);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    } catch {
      continue;
    }
    const source = files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
    for (const definition of parse(source).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      const declaresFirst = (definition.variableDefinitions ?? []).some((v) => v.variable.name.value === 'first');
      result.push({ client: client.name, source, name: definition.name.value, declaresFirst });
    }
  }
  return result;
}

/** The ```graphql blocks of the partner guide and the README. */
function documentedQueries(): { where: string; source: string }[] {
  return ['../../../docs/partner-queries.md', '../../../README.md'].flatMap((file) =>
    [...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
      .map((m, i) => ({ where: `${file.replace(/^.*\//, '')} #${i + 1}`, source: m[1] }))
      .filter((q) => !/^\s*mutation\b/m.test(q.source)),
  );
}

describe('the published operations stay well under the limits', () => {
  it('every SDK operation, with first at its largest (100), costs at most half the limit, nests at most 10 deep and has at most a tenth of the fields allowed, no aliases', () => {
    const operations = sdkOperations();
    expect(operations.length).toBeGreaterThan(10);
    const over = operations
      .map((op) => ({
        op: `${op.client}/${op.name}`,
        ...measureFully(op.source, op.declaresFirst ? { first: 100 } : {}, op.name),
      }))
      .filter(
        (m) => m.cost > LIMITS.maxComplexity / 2 || m.depth > 10 || m.fields > LIMITS.maxFields / 10 || m.aliases > 0,
      );
    expect(over).toEqual([]);
  });

  it('every example query in docs/partner-queries.md and the README costs at most half the limit', () => {
    const queries = documentedQueries();
    expect(queries.length).toBeGreaterThan(5);
    const over = queries
      .map((q) => {
        const document = parse(q.source);
        const operation = document.definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        )!;
        return { where: q.where, ...measureOperation(schema, document, operation, {}) };
      })
      .filter(
        (m) =>
          m.cost > LIMITS.maxComplexity / 2 ||
          m.depth > 10 ||
          m.fields > LIMITS.maxFields / 10 ||
          m.aliases > LIMITS.maxAliases,
      );
    expect(over).toEqual([]);
  });
});
