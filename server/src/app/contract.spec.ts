import { readFileSync } from 'node:fs';
import {
  buildSchema as buildSdl,
  findBreakingChanges,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from './schema.js';
import { schemaToSdl } from './schema-sdl.js';

const contractSdl = readFileSync(new URL('../../../schema/contract.graphql', import.meta.url), 'utf8');
const committedSdl = readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');

/** Changes that break clients built on `before` when the server moves to `after`. */
function breakingChanges(before: string, after: string) {
  return findBreakingChanges(buildSdl(before), buildSdl(after)).map((c) => `${c.type}: ${c.description}`);
}

/**
 * Every public name a client sees without a description: types, enums, fields of object, interface and input
 * types (`Type.field`), and arguments of fields (`Type.field(arg)`).
 */
function undescribed(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        if ('args' in field) {
          for (const arg of field.args) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
  }
  return missing;
}

let schema: GraphQLSchema;
let emitted: string;
beforeAll(async () => {
  schema = await buildAppSchema();
  emitted = schemaToSdl(schema);
});

describe('the public schema', () => {
  it('has no breaking change against the contract', () => {
    expect(breakingChanges(contractSdl, emitted)).toEqual([]);
  });

  it('is committed as emitted (run `npm run schema` after changing the code)', () => {
    expect(committedSdl).toBe(emitted);
  });

  it('describes every public type and field', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});

describe('the description check itself', () => {
  const sdl = (body: string) =>
    buildSdl(`"""Root."""\ntype Query {\n${body}\n}\n"""Filter."""\ninput F {\n"""Text.""" q: String\n}`);

  it('passes a fully described schema', () => {
    expect(undescribed(sdl('"""One.""" one("""Which.""" id: ID, """How.""" f: F): String'))).toEqual([]);
  });

  it('fails for an undescribed argument of a field', () => {
    expect(undescribed(sdl('"""One.""" one(id: ID, """How.""" f: F): String'))).toEqual(['Query.one(id)']);
  });

  it('fails for an undescribed input field', () => {
    const schemaWithBareInput = buildSdl(
      '"""Root."""\ntype Query {\n"""One.""" one("""How.""" f: F): String\n}\n"""Filter."""\ninput F { q: String }',
    );
    expect(undescribed(schemaWithBareInput)).toEqual(['F.q']);
  });
});

describe('the breaking-change check itself', () => {
  it('fails when a contract field is removed or renamed', () => {
    const removed = contractSdl.replace(/\n\s*startsOn: Date!/, '\n');
    expect(breakingChanges(contractSdl, removed)).toEqual([expect.stringContaining('Theme.startsOn was removed')]);
    const renamed = contractSdl.replace('slug: String!\n  title', 'urlName: String!\n  title');
    expect(breakingChanges(contractSdl, renamed)).toEqual([expect.stringContaining('Theme.slug was removed')]);
  });

  it('fails when a type changes or an enum value disappears', () => {
    const retyped = contractSdl.replace('capacity: Int\n', 'capacity: String\n');
    expect(breakingChanges(contractSdl, retyped).join('\n')).toContain('Activity.capacity changed type');
    const shrunk = contractSdl.replace(
      'enum ThemeStatus { UPCOMING ACTIVE ENDED }',
      'enum ThemeStatus { UPCOMING ACTIVE }',
    );
    expect(breakingChanges(contractSdl, shrunk).join('\n')).toContain('ENDED was removed');
  });

  it('accepts additions', () => {
    const added = contractSdl.replace('type Partner {', 'type Partner {\n  logoUrl: String');
    expect(breakingChanges(contractSdl, added)).toEqual([]);
  });
});
