import { Directive, Field, ObjectType } from 'type-graphql';
import { CACHE } from './cache-control.js';
import { BadUserInputError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive(CACHE.inherit)
@ObjectType({ description: 'Where a page of a connection stands.' })
export class PageInfo {
  @Field({ description: 'True when another page follows this one.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

/** Validates `first`: default 20, 0 to 100 (0 gives no edges, only pageInfo and totalCount). */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${field}" must be between 0 and ${MAX_PAGE_SIZE}.`, field);
  }
  return first;
}

/** A cursor is the sort key of a row: a tuple of strings and numbers, opaque to clients. */
export type CursorKey = (string | number)[];

const CURSOR_PREFIX = 'c1:';

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor, checking that it has the shape the caller sorts by
 * (one type tag per key part); anything else is BAD_USER_INPUT.
 */
export function decodeCursor(
  cursor: string | null | undefined,
  shape: ('string' | 'number')[],
  field = 'after',
): CursorKey | null {
  if (cursor === null || cursor === undefined) return null;
  const invalid = () =>
    new BadUserInputError(
      `"${field}" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.`,
      field,
    );
  if (cursor.length > 500 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(key) || key.length !== shape.length) throw invalid();
  key.forEach((part, i) => {
    if (typeof part !== shape[i]) throw invalid();
    if (typeof part === 'number' && !Number.isFinite(part)) throw invalid();
  });
  return key as CursorKey;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page of a connection; totalCount is each connection's own (lazy) field. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Edges and pageInfo of a page from rows fetched with LIMIT first + 1: the extra row only says
 * whether a next page exists. For connections that count lazily (a `countTotal` resolved only
 * when the client selects totalCount).
 */
export function pageOf<Row, Node>(
  rows: Row[],
  first: number,
  keyOf: (row: Row) => CursorKey,
  toNode: (row: Row) => Node,
): Page<Node> {
  const visible = rows.slice(0, first);
  const edges = visible.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
  };
}

/**
 * A page's row limit written into the statement, not passed as a parameter. With `LIMIT $n`
 * PostgreSQL's generic plan assumes a tenth of the rows, so for a large parent (a theme of 5,000
 * activities) it looks far dearer than the custom plan for 51 rows and is never chosen: every
 * execution of the prepared statement was planned anew (about half the page statement's time).
 * Page sizes are bounded (pageSize), so this makes at most a hundred texts per statement shape.
 */
export function limitLiteral(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`a page limit must be a count, not ${limit}`);
  return String(limit);
}
