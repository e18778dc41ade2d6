import { buildSchema, execute, parse, type GraphQLFieldResolver } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { rewriteCompiledSource, withRewrittenSource } from './compiled-source.js';

const schema = buildSchema(`
  type Query { items: [Item]! }
  type Item { id: ID! name: String note: String count: Int! owner: Owner owners: [Owner!]! }
  type Owner { name: String! tags: [String!]! }
`);

const items = [
  { id: '1', name: 'plain', note: null, count: 1, owner: { name: 'a', tags: ['x', 'y'] } },
  { id: '2', name: null, note: 'n', count: 2, owner: { name: 'b', tags: [] } },
  // Faults: a null in a non-null leaf, an Error as a leaf value, a value its scalar refuses.
  { id: '3', name: new Error('name failed'), note: 'n', count: null, owner: { name: null, tags: ['z'] } },
  { id: '4', name: 'x', note: new Error('note failed'), count: 'many', owner: null },
];

/** Owner.owners reads only its parent: its info is never looked at. */
let infoSeen: unknown = 'not called';
const owners: GraphQLFieldResolver<{ owner: unknown }, unknown> = (item, _args, _ctx, info) => {
  infoSeen = info;
  return item.owner ? [item.owner] : [];
};
(schema.getQueryType()!.getFields().items!.resolve as unknown) = () => items;
(
  schema.getType('Item') as unknown as { getFields(): Record<string, { resolve?: unknown }> }
).getFields().owners!.resolve = owners;

const QUERY = `{ items { id name note count owner { name tags } owners { name } } }`;

describe('rewriting the source graphql-jit generates', () => {
  it('finds the shapes it rewrites in what graphql-jit generates (a new graphql-jit fails here)', () => {
    const compiled = compileQuery(schema, parse(QUERY), undefined, { debug: true } as object);
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const source = (compiled as unknown as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation: string })
      .__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    const rewritten = rewriteCompiledSource(source, new Set(['ItemownersResolver']));
    const eager = /rt\.check(NonNull|Nullable)Leaf\(__context, (?!__context\.leafValue)/g;
    expect(source.match(eager)?.length).toBeGreaterThanOrEqual(6);
    expect(rewritten.match(eager)).toBeNull();
    expect(source).toContain('__context.resolvers.ItemownersResolver(');
    expect(rewritten).toMatch(/__context\.resolvers\.ItemownersResolver\([^;]*__context\.context, undefined\)/);
  });

  it('gives the data graphql-js gives and the errors graphql-jit gives unrewritten, and passes no info where it is not read', async () => {
    const expected = await execute({ schema, document: parse(QUERY) });
    const compiled = withRewrittenSource(
      (source) => rewriteCompiledSource(source, new Set(['ItemownersResolver'])),
      () => compileQuery(schema, parse(QUERY)),
    );
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const result = await compiled.query(undefined, {}, {});
    const infoOfRewritten = infoSeen;
    expect(result.data).toEqual(expected.data);
    const shape = (errors: readonly { message: string; path?: readonly (string | number)[] }[] = []) =>
      errors.map((e) => ({ message: e.message, path: e.path })).sort((a, b) => a.message.localeCompare(b.message));
    // graphql-jit reports every fault of an object that null bubbles through, graphql-js the first
    // one: its errors are compared with graphql-jit's own without the rewrite, below.
    expect(shape(expected.errors).every((e) => shape(result.errors).some((r) => r.message === e.message))).toBe(true);
    // The same as graphql-jit without the rewrite.
    const plain = compileQuery(schema, parse(QUERY));
    if (!isCompiledQuery(plain)) throw new Error('did not compile');
    const unrewritten = await plain.query(undefined, {}, {});
    expect(result.data).toEqual(unrewritten.data);
    expect(shape(result.errors)).toEqual(shape(unrewritten.errors));
    expect(result.errors?.length).toBeGreaterThanOrEqual(4);
    expect(infoOfRewritten).toBeUndefined();
    // Restored afterwards.
    expect(new Function('return 1')()).toBe(1);
    expect(Function).toBe(Object.getPrototypeOf(() => 0).constructor);
  });
});
