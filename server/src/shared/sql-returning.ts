import { sql, type RequestContext } from './context.js';

/**
 * Runs `UPDATE … RETURNING` / `DELETE … RETURNING` and returns the rows. TypeORM's query()
 * answers UPDATE and DELETE with `[rows, affectedCount]` instead of the rows, which `sql()`
 * passes through; this unwraps it (rows are objects, never arrays, so the shape is unambiguous).
 */
export async function sqlReturning<Row = Record<string, unknown>>(ctx: RequestContext, text: string, params: unknown[] = []): Promise<Row[]> {
  const result = (await sql<unknown>(ctx, text, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return result as Row[];
}
