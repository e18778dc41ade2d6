import { createRequire } from 'node:module';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTextArray, parseTimestamptz, pgTypes, rowFactory } from './pg-types.js';

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
const pgTimestamptz = pg.types.getTypeParser(1184 as TypeId) as (value: string) => unknown;
const pgTextArray = pg.types.getTypeParser(1009 as TypeId) as (value: string) => unknown;

describe('pg type parsers', () => {
  it('parse timestamptz exactly as pg does, in every form PostgreSQL writes', () => {
    const values = [
      '2026-03-04 05:06:07+00',
      '2026-03-04 05:06:07.5+00',
      '2026-03-04 05:06:07.12+01',
      '2026-03-04 05:06:07.123+02',
      '2026-03-04 05:06:07.123456+00',
      '2026-03-04 05:06:07.999999-05',
      '2026-10-25 02:30:00+01',
      '2026-03-04 05:06:07+05:30',
      '2026-03-04 05:06:07.000001-03:30',
      '1890-01-01 00:00:00+00:50:20',
      '2000-02-29 23:59:59.9999+14',
      '0099-01-01 00:00:00+00',
      '0001-01-01 00:00:00+00 BC',
      '2026-03-04 05:06:07+00 BC',
      'infinity',
      '-infinity',
      '2026-03-04T05:06:07Z',
    ];
    for (const value of values) expect(parseTimestamptz(value), value).toEqual(pgTimestamptz(value));
    expect(parseTimestamptz('2026-03-04 05:06:07.123456+01')).toEqual(new Date('2026-03-04T04:06:07.123Z'));
  });

  it('parse text arrays exactly as pg does', () => {
    for (const value of [
      '{}',
      '{a}',
      '{CHILDREN,FAMILIES}',
      '{NULL,a}',
      '{"NULL",""}',
      '{"a b","c,d"}',
      '{{a,b},{c,d}}',
      '{æ,ø}',
    ])
      expect(parseTextArray(value), value).toEqual(pgTextArray(value));
  });
});

describe('rows of our pools (rowFactory)', () => {
  const require = createRequire(import.meta.url);
  const Result = require('pg/lib/result.js') as new (
    rowMode: string | undefined,
    types: unknown,
  ) => {
    addFields(fields: { name: string; dataTypeID: number; format: string }[]): void;
    parseRow(values: (string | null)[]): Record<string, unknown>;
    rowOf?: unknown;
  };
  // What a pg.Client of our pools hands its results: its own TypeOverrides over pgTypes.
  const clientTypes = new pg.TypeOverrides(pgTypes);
  // The same parsers, but not our pools' types: pg builds these rows itself.
  const sameParsersElsewhere = { getTypeParser: pgTypes.getTypeParser.bind(pgTypes) };

  it('builds the rows pg builds: values, NULLs, property order, repeated and unusual column names', () => {
    const names = ['id', 'l.name', 'title', 'id', 'å "quoted" \\ name', 'constructor', 'startsAt', 'list', 'ok', 'doc'];
    const types = [25, 25, 25, 23, 25, 25, 1184, 1009, 16, 114];
    const fields = names.map((name, i) => ({ name, dataTypeID: types[i]!, format: 'text' }));
    const values: (string | null)[][] = [
      ['a', 'Bibliotek', null, '7', 'x', 'y', '2026-03-04 05:06:07.123456+00', '{a,b}', 't', '{"k":[1]}'],
      [null, null, 'T', null, null, null, null, null, 'f', null],
    ];
    const ours = new Result(undefined, clientTypes);
    const pgs = new Result(undefined, sameParsersElsewhere);
    ours.addFields(fields);
    pgs.addFields(fields);
    expect(ours.rowOf).toBeDefined();
    expect(pgs.rowOf).toBeUndefined();
    for (const row of values) {
      const built = ours.parseRow(row);
      const expected = pgs.parseRow(row);
      expect(built).toEqual(expected);
      expect(Object.keys(built)).toEqual(Object.keys(expected));
    }
    expect(ours.parseRow(values[0]!)).toMatchObject({ id: 7, 'l.name': 'Bibliotek', ok: true, doc: { k: [1] } });
  });

  it('leaves a column named __proto__ to pg (an own property, not the prototype)', () => {
    expect(rowFactory(['a', '__proto__'])).toBeUndefined();
    const result = new Result(undefined, clientTypes);
    result.addFields([
      { name: '__proto__', dataTypeID: 25, format: 'text' },
      { name: 'b', dataTypeID: 25, format: 'text' },
    ]);
    const row = result.parseRow(['x', 'y']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row.b).toBe('y');
  });
});
