import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { buildAppSchema } from './schema.js';
import { directResolvers, plainPropertyFields } from './direct-resolvers.js';

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

  it('leaves plain properties without a resolver, so that compiled execution reads them inline', async () => {
    const schema = await buildAppSchema();
    const fields = (type: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
      return t.getFields();
    };
    for (const [type, field] of [
      ['Activity', 'title'],
      ['Activity', 'startsAt'],
      ['Venue', 'name'],
      ['Library', 'name'],
      ['Material', 'title'],
      ['AuditEvent', 'action'],
      ['PageInfo', 'hasNextPage'],
    ] as const) {
      expect(fields(type)[field]!.resolve, `${type}.${field}`).toBeUndefined();
    }
    expect(plainPropertyFields.has('Material.title')).toBe(true);
    // Field resolvers keep theirs.
    expect(fields('Activity').library!.resolve).toBeDefined();
    expect(fields('Theme').participantCount!.resolve).toBeDefined();
  });
});
