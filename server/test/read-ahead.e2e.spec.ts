import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/*
 * A page of activities reads only the columns its selected fields need (activityColumnsFor). Every
 * Activity field, selected alone, must give exactly what it gives when the page reads whole rows
 * (jsonLd needs every column): a field whose columns are missing from the map would answer null,
 * a wrong value or an error here. The fields come from the schema, so a new one is checked too.
 */

let server: TestServer;
let coordinator: string;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  // The demo season's first page has no priced activity: give one a price, so that column is compared too.
  await server.db.query(
    `UPDATE activity SET price_dkk = 45.50 WHERE id = (SELECT a.id FROM activity a JOIN theme t ON t.id = a.theme_id
      WHERE t.slug = 'vores-natur' ORDER BY a.starts_at, a.id LIMIT 1 OFFSET 3)`,
  );
});
afterAll(async () => {
  await server?.stop();
});

/** Sub-selections of the object fields; a new object field without one fails the test. */
const SUBSELECTION: Record<string, string> = {
  venue: '{ name address postalCode city location { latitude longitude } }',
  image: '{ url alt credit }',
  theme: '{ id slug }',
  library: '{ id name municipality { code name } }',
  partners: '{ id name kind }',
  materials: '{ id title }',
  source: '{ kind url externalId seriesId importedAt }',
};

type Node = Record<string, unknown> & { id: string };
interface Page {
  theme: { activities: { edges: { node: Node }[] } };
}

async function page(fields: string): Promise<Map<string, Node>> {
  const res = await server.gql<Page>(
    `query Page { theme(slug: "vores-natur") { activities(first: 40) { edges { node { id ${fields} } } } } }`,
    {},
    { token: coordinator },
  );
  expect(res.errors).toBeUndefined();
  return new Map(res.data!.theme.activities.edges.map(({ node }) => [node.id, node]));
}

describe('pages of activities read only the columns their fields need', () => {
  it('gives every field, selected alone, the value it has when whole rows are read', async () => {
    const type = await server.ok<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "Activity") { fields { name } } }`,
    );
    const fields = type.__type.fields.map((f) => `${f.name} ${SUBSELECTION[f.name] ?? ''}`);
    const whole = await page(fields.join(' '));
    expect(whole.size).toBeGreaterThan(10);
    for (const field of fields) {
      const alone = await page(field);
      const name = field.split(' ')[0]!;
      expect([...alone.keys()], name).toEqual([...whole.keys()]);
      for (const [id, node] of alone) expect(node[name], `${name} of ${id}`).toEqual(whole.get(id)![name]);
    }
    // Not vacuous: the page has values in the columns that only some fields read.
    const nodes = [...whole.values()];
    const empty = ['description', 'venue', 'priceDkk', 'endsAt', 'attendance', 'image', 'signupUrl', 'capacity'].filter(
      (name) => !nodes.some((n) => n[name] !== null && n[name] !== undefined),
    );
    expect(empty).toEqual([]);
  });

  it("reads ahead only the library's and the partners' fields selected, each as it is when read whole", async () => {
    interface TypeRef {
      kind: string;
      ofType: TypeRef | null;
    }
    const leafFields = async (type: string): Promise<string[]> => {
      const res = await server.ok<{ __type: { fields: { name: string; type: TypeRef }[] } }>(
        `query Fields($type: String!) { __type(name: $type) { fields { name type { kind ofType { kind ofType { kind ofType { kind } } } } } } }`,
        { type },
      );
      const named = (t: TypeRef): string => (t.ofType ? named(t.ofType) : t.kind);
      return res.__type.fields.filter((f) => ['SCALAR', 'ENUM'].includes(named(f.type))).map((f) => f.name);
    };
    const libraryFields = [
      ...(await leafFields('Library')),
      'location { latitude longitude }',
      'municipality { code name }',
    ];
    const partnerFields = [...(await leafFields('Partner')), 'municipality { code name }'];
    expect(libraryFields).toContain('website');
    expect(partnerFields).toContain('description');
    const whole = await page(
      `library { ${libraryFields.join(' ')} } partners { ${partnerFields.join(' ')} } jsonLdScript`,
    );
    for (const [parent, fields] of [
      ['library', libraryFields],
      ['partners', partnerFields],
    ] as const) {
      for (const field of fields) {
        const alone = await page(`${parent} { ${field} }`);
        const name = field.split(' ')[0]!;
        const pick = (value: unknown): unknown =>
          Array.isArray(value) ? value.map(pick) : value === null ? null : (value as Record<string, unknown>)[name];
        for (const [id, node] of alone)
          expect(pick(node[parent]), `${parent}.${name} of ${id}`).toEqual(pick(whole.get(id)![parent]));
      }
    }
    // JSON-LD from a page equals JSON-LD of the activity read alone (whole rows, loaders).
    const [id, node] = [...whole][0]!;
    const single = await server.ok<{ activity: { jsonLdScript: string } }>(
      `query One($id: ID!) { activity(id: $id) { jsonLdScript } }`,
      { id },
      { token: coordinator },
    );
    expect(node.jsonLdScript).toBe(single.activity.jsonLdScript);
  });

  it("reads a venue's columns for its selected fields only, each as it is when read whole", async () => {
    const subfields = ['name', 'address', 'postalCode', 'city', 'location { latitude longitude }'];
    const whole = await page(`venue { ${subfields.join(' ')} }`);
    expect([...whole.values()].some((n) => n.venue !== null)).toBe(true);
    for (const field of subfields) {
      const alone = await page(`venue { ${field} }`);
      const name = field.split(' ')[0]!;
      for (const [id, node] of alone) {
        const venue = whole.get(id)!.venue as Record<string, unknown> | null;
        expect(node.venue, `venue.${name} of ${id}`).toEqual(venue === null ? null : { [name]: venue[name] });
      }
    }
  });

  it('answers two pages of the same activities with different selections each with its own fields', async () => {
    const res = await server.gql<{
      a: { activities: { edges: { node: { id: string; title: string } }[] } };
      b: { activities: { edges: { node: { id: string; description: string; venue: { name: string } | null } }[] } };
      c: { id: string; description: string; capacity: number | null } | null;
    }>(
      `query Twice($id: ID!) {
        a: theme(slug: "vores-natur") { activities(first: 5) { edges { node { id title } } } }
        b: theme(slug: "vores-natur") { activities(first: 5) { edges { node { id description venue { name } } } } }
        c: activity(id: $id) { id description capacity }
      }`,
      { id: [...(await page('title')).keys()][0] },
    );
    expect(res.errors).toBeUndefined();
    const b = res.data!.b.activities.edges.map((e) => e.node);
    expect(res.data!.a.activities.edges.map((e) => e.node.id)).toEqual(b.map((n) => n.id));
    for (const node of b) expect(typeof node.description).toBe('string');
    expect(res.data!.c?.description).toBe(b[0]!.description);
  });

  it('reads the start instant for cursors only when a cursor is selected, and every cursor continues the list', async () => {
    type Cursors = {
      theme: {
        activities: { pageInfo?: { endCursor: string | null }; edges: { cursor?: string; node: { id: string } }[] };
      };
    };
    const ids = async (after: string | null) => {
      const res = await server.ok<Cursors>(
        `query Next($after: String) { theme(slug: "vores-natur") { activities(first: 5, after: $after) { edges { node { id } } } } }`,
        { after },
      );
      return res.theme.activities.edges.map((e) => e.node.id);
    };
    const withEdgeCursors = await server.ok<Cursors>(
      `{ theme(slug: "vores-natur") { activities(first: 5) { edges { cursor node { id } } } } }`,
    );
    const withEndCursor = await server.ok<Cursors>(
      `{ theme(slug: "vores-natur") { activities(first: 5) { pageInfo { endCursor } edges { node { id } } } } }`,
    );
    const edges = withEdgeCursors.theme.activities.edges;
    const endCursor = withEndCursor.theme.activities.pageInfo!.endCursor!;
    expect(edges.at(-1)!.cursor).toBe(endCursor);
    const all = await ids(null);
    const [next, afterSecond] = [await ids(endCursor), await ids(edges[1]!.cursor!)];
    expect(next).toHaveLength(5);
    expect(next).not.toContain(all[4]);
    expect(afterSecond.slice(0, 3)).toEqual(all.slice(2));
  });
});
