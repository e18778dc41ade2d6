import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import {
  col,
  defineEntity,
  generated,
  groupOf,
  insertOf,
  nullable,
  selectList,
  seedColumns,
  updateOf,
} from './columns.js';

const TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  name: col<string>('name', 'text'),
  imageUrl: nullable<string>('image_url', 'text'),
  imageAlt: nullable<string>('image_alt', 'text'),
  tags: col<string[]>('tags', 'text', { array: true }),
  startsOn: generated<string>('starts_on', 'date'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
} as const;

describe('column maps', () => {
  it('select every column under its property name, on an alias or not', () => {
    expect(selectList(TABLE, 'x')).toBe(
      'x.id, x.name, x.image_url AS "imageUrl", x.image_alt AS "imageAlt", x.tags, x.starts_on AS "startsOn", x.created_at AS "createdAt"',
    );
    expect(selectList({ name: TABLE.name, imageUrl: TABLE.imageUrl })).toBe('name, image_url AS "imageUrl"');
  });

  it('write the given columns with casts, numbering parameters after the others', () => {
    const values = { name: 'a', tags: ['t'], imageUrl: null };
    expect(insertOf(TABLE, ['name', 'tags', 'imageUrl'], values)).toEqual({
      columns: 'name, tags, image_url',
      placeholders: '$1::text, $2::text[], $3::text',
      values: ['a', ['t'], null],
    });
    expect(updateOf(TABLE, ['name', 'imageUrl'], values, 2)).toEqual({
      sets: 'name = $3::text, image_url = $4::text',
      values: ['a', null],
    });
  });

  it('group columns under their API names, or null when the first is empty', () => {
    expect(groupOf({ imageUrl: 'u', imageAlt: 'a' }, ['imageUrl', 'imageAlt'], 'image')).toEqual({
      url: 'u',
      alt: 'a',
    });
    expect(groupOf({ imageUrl: null, imageAlt: null }, ['imageUrl', 'imageAlt'], 'image')).toBeNull();
  });

  it('give the seed every column but the generated ones, and refuse a column not named after its property', () => {
    expect(seedColumns('x', TABLE)).toEqual({
      id: 'uuid',
      name: 'text',
      image_url: 'text',
      image_alt: 'text',
      tags: 'text[]',
      created_at: 'timestamptz',
    });
    expect(() => seedColumns('x', { imageUrl: col<string>('picture', 'text') })).toThrow(
      'x.picture is not named after imageUrl',
    );
  });

  it('declare an entity named after its table, with read-only and generated columns never written', () => {
    const Entity = defineEntity('test_thing', TABLE);
    expect(Entity.name).toBe('TestThingEntity');
    const columns = getMetadataArgsStorage().columns.filter((c) => c.target === Entity);
    const byProperty = Object.fromEntries(columns.map((c) => [c.propertyName, c.options]));
    expect(Object.keys(byProperty).sort()).toEqual(Object.keys(TABLE).sort());
    expect(byProperty.imageUrl).toMatchObject({ name: 'image_url', type: 'text', nullable: true });
    expect(byProperty.tags).toMatchObject({ array: true });
    expect(byProperty.startsOn).toMatchObject({ insert: false, update: false });
    expect(byProperty.createdAt).toMatchObject({ insert: false, update: false });
    expect(byProperty.name).not.toHaveProperty('insert');
    expect(getMetadataArgsStorage().tables.find((t) => t.target === Entity)?.name).toBe('test_thing');
  });
});
