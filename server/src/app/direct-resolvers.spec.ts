import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { buildAppSchema } from './schema.js';
import { directResolvers } from './direct-resolvers.js';

describe('direct field resolvers', () => {
  it('call the per-row resolvers directly and leave those with arguments, roles or middleware to type-graphql', async () => {
    const schema = await buildAppSchema();
    const resolveOf = (type: string, field: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
      const f = t.getFields()[field];
      if (!f?.resolve) throw new Error(`${type}.${field} has no resolver`);
      return f.resolve;
    };
    for (const [type, field] of [
      ['Activity', 'library'],
      ['Activity', 'partners'],
      ['Activity', 'theme'],
      ['Library', 'municipality'],
      ['Partner', 'municipality'],
      ['ThemePartner', 'partner'],
    ] as const) {
      expect(directResolvers.has(resolveOf(type, field)), `${type}.${field}`).toBe(true);
    }
    // Arguments (validated, converted to classes) and @Authorized roles stay with type-graphql.
    expect(directResolvers.has(resolveOf('Theme', 'activities'))).toBe(false);
    expect(directResolvers.has(resolveOf('Theme', 'registrations'))).toBe(false);
  });
});
