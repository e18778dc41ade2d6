import { readFileSync } from 'node:fs';
import {
  buildSchema as buildSdl,
  findBreakingChanges,
  isEnumType,
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
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
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
    const shrunk = contractSdl.replace('enum ThemeStatus { UPCOMING ACTIVE ENDED }', 'enum ThemeStatus { UPCOMING ACTIVE }');
    expect(breakingChanges(contractSdl, shrunk).join('\n')).toContain('ENDED was removed');
  });

  it('accepts additions', () => {
    const added = contractSdl.replace('type Partner {', 'type Partner {\n  logoUrl: String');
    expect(breakingChanges(contractSdl, added)).toEqual([]);
  });
});
