import pg from 'pg';
import { createRequire } from 'node:module';

const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;
const PG_DATE = 1082;
const PG_DATE_ARRAY = 1182;
const PG_TEXT_ARRAY = 1009;
const PG_INTERVAL = 1186;
const PG_INTERVAL_ARRAY = 1187;

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
const pgParser = <T>(oid: number) => pg.types.getTypeParser(oid as TypeId) as (value: string) => T;

const asText = (value: string): string => value;
// Arrays of these parsed like text[], which leaves each element as PostgreSQL wrote it.
const asTextArray = pgParser<string[]>(PG_TEXT_ARRAY);
const asDate = pgParser<Date | number | null>(PG_TIMESTAMPTZ);

/**
 * text[] (and the arrays parsed like it) without pg's character-by-character parser where nothing
 * needs unquoting: PostgreSQL quotes an element that is empty, NULL as text, or holds a space, a
 * comma, a quote, a backslash or a brace, so an array literal with none of `"`, `\`, `{`, `}`
 * inside its outer braces is its elements separated by commas (an unquoted NULL is a null element).
 * Enum lists (audiences, accessibility) are always of this kind. Anything else (quoted elements,
 * nested arrays, explicit bounds) goes to pg's own parser.
 */
const NEEDS_FULL_PARSER = /["\\{}]/;
export function parseTextArray(value: string): (string | null)[] {
  if (value === '{}') return [];
  const inner = value.slice(1, -1);
  if (value[0] !== '{' || value[value.length - 1] !== '}' || NEEDS_FULL_PARSER.test(inner)) return asTextArray(value);
  const elements: (string | null)[] = inner.split(',');
  for (let i = 0; i < elements.length; i++) if (elements[i] === 'NULL') elements[i] = null;
  return elements;
}

/** The decimal number of `length` digits at `at`; NaN when one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * timestamptz as PostgreSQL writes it with DateStyle ISO (`2026-03-04 05:06:07.123456+01`, the
 * offset as `+hh`, `+hh:mm` or `+hh:mm:ss`) into a Date, without pg's regular expressions (three
 * per value, and a match array each: a page of activities reads a hundred instants). Milliseconds
 * are truncated as pg truncates them. Years before 1000, BC, infinity and anything else unexpected
 * go to pg's own parser.
 */
export function parseTimestamptz(text: string): Date | number | null {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(0) === 48)
    return asDate(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    i++;
    let count = 0;
    for (let d = text.charCodeAt(i) - 48; d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) {
      if (count < 3) ms = ms * 10 + d;
      count++;
    }
    if (count === 0) return asDate(text);
    for (; count < 3; count++) ms *= 10;
  }
  const sign = text.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return asDate(text);
  let offset = digits(text, i + 1, 2) * 3600;
  i += 3;
  if (text.charCodeAt(i) === 58) {
    offset += digits(text, i + 1, 2) * 60;
    i += 3;
    if (text.charCodeAt(i) === 58) {
      offset += digits(text, i + 1, 2);
      i += 3;
    }
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - (sign === 45 ? -offset : offset) * 1000;
  // NaN: a character was not a digit; i short of the end: more text than expected (e.g. " BC").
  if (i !== n || Number.isNaN(utc)) return asDate(text);
  return new Date(utc);
}

/**
 * node-postgres type parsers for this application's pools, giving the shapes the PGlite
 * adapter gives: int8 as string, date as 'YYYY-MM-DD' (pg's default is a Date at local
 * midnight) and interval as PostgreSQL's text (pg's default is an object); timestamptz and text
 * arrays as pg gives them, parsed faster. Scoped to our pools rather than set globally with
 * pg.types.setTypeParser, so any other pg user in the process keeps pg's defaults.
 */
export const pgTypes = new pg.TypeOverrides();
pgTypes.setTypeParser(PG_TIMESTAMPTZ, parseTimestamptz);
pgTypes.setTypeParser(PG_TEXT_ARRAY, parseTextArray);
pgTypes.setTypeParser(PG_INT8, asText);
pgTypes.setTypeParser(PG_DATE, asText);
pgTypes.setTypeParser(PG_DATE_ARRAY, parseTextArray);
pgTypes.setTypeParser(PG_INTERVAL, asText);
pgTypes.setTypeParser(PG_INTERVAL_ARRAY, asTextArray);

/** pg's Result, whose rows our pools build (pg/lib/result.js). */
interface PgResult {
  fields: { name: string; format?: string; dataTypeID: number }[];
  _parsers?: ((value: string) => unknown)[];
  _types?: pg.TypeOverrides & { _types?: unknown };
  rowAsArray: boolean;
  addFields(fields: { name: string; format?: string; dataTypeID: number }[]): void;
  parseRow(values: (string | null)[]): Record<string, unknown>;
  /** Set by addFields below: builds a row of these fields (our pools, text format). */
  rowOf?: RowFactory;
}
export type RowFactory = (
  values: (string | null)[],
  parsers: ((value: string) => unknown)[],
) => Record<string, unknown>;

/** Row builders by their column names (a statement's answer has the same columns every time). */
const rowFactories = new Map<string, RowFactory>();
const MAX_ROW_FACTORIES = 2_000;

/**
 * A function building a row of these columns as one object literal: every row of a statement gets
 * the same shape at once, where pg copies an empty row and then stores each column by its name
 * (a generic keyed store per value). Names are written as JSON string literals; `__proto__`
 * (which a literal would take as the prototype) is left to pg.
 */
export function rowFactory(names: readonly string[]): RowFactory | undefined {
  if (names.includes('__proto__')) return undefined;
  const key = names.join('\u0000');
  let factory = rowFactories.get(key);
  // Beyond the bound, rows are built the plain way rather than compiling a function per result.
  if (!factory && rowFactories.size < MAX_ROW_FACTORIES) {
    const properties = names.map((name, i) => `${JSON.stringify(name)}: v[${i}] === null ? null : p[${i}](v[${i}])`);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is built here from JSON string literals
    factory = new Function('v', 'p', `'use strict'; return { ${properties.join(', ')} };`) as RowFactory;
    rowFactories.set(key, factory);
  }
  return factory;
}

const require = createRequire(import.meta.url);
const ResultClass = require('pg/lib/result.js') as { prototype: PgResult };
const { addFields: pgAddFields, parseRow: pgParseRow } = Object.getOwnPropertyDescriptors(ResultClass.prototype) as {
  addFields: { value: PgResult['addFields'] };
  parseRow: { value: PgResult['parseRow'] };
};

/** pgTypes itself, or a pg client's types over it (a pg.Client wraps its `types` in a TypeOverrides of its own). */
const isOurs = (types: PgResult['_types']) => types === pgTypes || types?._types === pgTypes;

/**
 * Rows of our pools' results (those parsed with pgTypes, in text format) are built by rowFactory;
 * anything else (another pg user in the process, binary results) as pg builds them. Same values,
 * same property order, null for NULL.
 */
ResultClass.prototype.addFields = function addFields(this: PgResult, fields) {
  const ours = isOurs(this._types) && !this.rowAsArray && fields.every((field) => (field.format ?? 'text') === 'text');
  const rowOf = ours ? rowFactory(fields.map((field) => field.name)) : undefined;
  this.rowOf = rowOf;
  const types = this._types;
  if (!rowOf || !types) return pgAddFields.value.call(this, fields);
  // As pg's addFields, without the empty row it would copy for every row.
  this.fields = fields;
  this._parsers = fields.map(
    (field) => types.getTypeParser(field.dataTypeID as TypeId, 'text') as unknown as (value: string) => unknown,
  );
};
ResultClass.prototype.parseRow = function parseRow(this: PgResult, values) {
  return this.rowOf ? this.rowOf(values, this._parsers!) : pgParseRow.value.call(this, values);
};
