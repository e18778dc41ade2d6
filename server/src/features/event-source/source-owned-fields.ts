import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';

/**
 * The fields of an imported activity that its source owns: they are edited on the library's
 * website and arrive with the next import. Everything else (audiences, format, channel,
 * accessibility, partners, materials, attendance) is Temahub's and survives re-imports.
 */
export const SOURCE_OWNED_FIELDS = [
  'title',
  'description',
  'venue',
  'image',
  'startsAt',
  'endsAt',
  'capacity',
  'signupUrl',
  'priceDkk',
] as const;

/**
 * CONFLICT when `input` changes a source-owned field of an imported activity, with a message
 * saying where to edit it. Runs inside the update's transaction.
 */
export async function assertSourceFieldsUntouched(
  ctx: RequestContext,
  activityId: string,
  input: object,
): Promise<void> {
  const given = SOURCE_OWNED_FIELDS.filter((f) => (input as Record<string, unknown>)[f] !== undefined);
  if (!given.length) return;
  const [source] = await sql<{ kind: string; url: string }>(
    ctx,
    `SELECT s.kind, s.url FROM activity_source a JOIN event_source s ON s.id = a.source_id WHERE a.activity_id = $1`,
    [activityId],
  );
  if (!source) return;
  const where =
    source.kind === 'DPL_CMS'
      ? `the library's DPL CMS website (${source.url})`
      : `the iCalendar source (${source.url})`;
  throw new ConflictError(
    `This activity is imported from ${where}: ${given.join(', ')} ${given.length === 1 ? 'comes' : 'come'} from there. Edit ${given.length === 1 ? 'it' : 'them'} on the website; Temahub takes the change at the next import. Audiences, format, channel, accessibility, partners, materials and attendance can be edited here.`,
    `input.${given[0]}`,
  );
}
