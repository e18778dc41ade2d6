import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTextArray, parseTimestamptz } from './pg-types.js';

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
