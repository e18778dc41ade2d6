import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, getIntrospectionQuery, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitViolation, measureOperation } from './query-limits.js';

const LIMITS = { maxDepth: 12, maxComplexity: 5000 };

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
});

/** Measures the (only or named) operation of a document after checking it is valid. */
function measure(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  if (!operation) throw new Error(`no operation ${operationName ?? ''}`);
  return measureOperation(schema, document, operation, variables);
}

describe('measureOperation: the cost model', () => {
  it('costs 1 per object; scalars and enums are free', () => {
    expect(measure('{ currentTheme { title slug status } }')).toEqual({ depth: 2, cost: 1 });
    expect(measure('{ currentTheme { title image { url } partners { role } } }')).toEqual({ depth: 3, cost: 1 + 1 + 20 });
  });

  it('multiplies a plain list by its estimate: 100 municipalities, 10 libraries each', () => {
    // 100 municipalities × (itself + 10 libraries)
    expect(measure('{ municipalities { code name libraries { name isil } } }')).toEqual({ depth: 3, cost: 100 * (1 + 10 * 1) });
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
    const activities = 1 + 1 + 50 * (1 + node); // the connection, its pageInfo, 50 × (edge + node)
    expect(measure(themePage, { slug: 'vores-natur' })).toEqual({ depth: 7, cost: 1 + partners + activities });
    expect(1 + partners + activities).toBe(493);
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
    expect(measured).toEqual({ depth: 11, cost });
    expect(cost).toBe(2_040_301);
    expect(limitViolation(measured, LIMITS)).toBe(
      'The query costs 2040301; the limit is 5000. Every object it may return costs 1, so a list multiplies the cost of what is selected in it by its size (`first`, default 20): ask for smaller pages, fewer nested lists, or page through in separate queries.',
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
    expect(measure('{ activities(first: 10) { edges { node { partners { name } } } } }').cost).toBe(1 + 10 * (1 + 1 + 5 * 1));
  });

  it('follows fragments (named and inline) for depth and cost', () => {
    const query = `
      query { activities(first: 2) { ...Page } }
      fragment Page on ActivityConnection { edges { node { ...Item } } }
      fragment Item on Activity { title ... on Activity { library { municipality { name } } } }`;
    expect(measure(query)).toEqual({ depth: 6, cost: 1 + 2 * (1 + 1 + 1 + 1) }); // connection + 2 × (edge + node + library + municipality)
  });

  it('leaves out fields under @skip(if: true) and @include(if: false)', () => {
    const query = 'query ($full: Boolean!) { currentTheme { title partners @include(if: $full) { role } materials @skip(if: true) { title } } }';
    expect(measure(query, { full: false })).toEqual({ depth: 2, cost: 1 });
    expect(measure(query, { full: true })).toEqual({ depth: 3, cost: 1 + 20 });
  });

  it('lets introspection through: the full introspection query costs nothing', () => {
    const measured = measure(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }));
    expect(measured).toEqual({ depth: 0, cost: 0 });
    expect(measure('{ __typename currentTheme { __typename title } }')).toEqual({ depth: 2, cost: 1 });
  });

  it('counts depth from the root and names the limit in the message', () => {
    const deep = '{ activities { edges { node { library { municipality { libraries { activities { edges { node { theme { activities { edges { node { id } } } } } } } } } } } } } }';
    const measured = measure(deep);
    expect(measured.depth).toBe(14);
    expect(limitViolation(measured, LIMITS)).toBe('The query is 14 fields deep; the limit is 12. Ask for nested objects in a separate query (e.g. by id).');
    expect(limitViolation({ depth: 12, cost: 5000 }, LIMITS)).toBeUndefined();
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
  it('every SDK operation, with first at its largest (100), costs at most half the limit and nests at most 10 deep', () => {
    const operations = sdkOperations();
    expect(operations.length).toBeGreaterThan(10);
    const over = operations
      .map((op) => ({ op: `${op.client}/${op.name}`, ...measure(op.source, op.declaresFirst ? { first: 100 } : {}, op.name) }))
      .filter((m) => m.cost > LIMITS.maxComplexity / 2 || m.depth > 10);
    expect(over).toEqual([]);
  });

  it('every example query in docs/partner-queries.md and the README costs at most half the limit', () => {
    const queries = documentedQueries();
    expect(queries.length).toBeGreaterThan(5);
    const over = queries
      .map((q) => {
        const document = parse(q.source);
        const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
        return { where: q.where, ...measureOperation(schema, document, operation, {}) };
      })
      .filter((m) => m.cost > LIMITS.maxComplexity / 2 || m.depth > 10);
    expect(over).toEqual([]);
  });
});
