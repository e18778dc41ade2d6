import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createRequestContext, inTransaction, sql, type RequestContext } from '../../../shared/context.js';
import { copenhagenDate, endOfCopenhagenDay, startOfCopenhagenDay } from '../../../shared/dates.js';
import { changesBetween, recordAudit } from '../../audit/index.js';
import { insertOf, updateOf } from '../../../shared/columns.js';
import {
  ACTIVITY_SOURCE_TABLE,
  EVENT_SOURCE_RUN_TABLE,
  SOURCE_COLUMNS,
  type ActivitySourceRecord,
  type RunRecord,
  type SourceRecord,
} from '../event-source.columns.js';
import { dplEventsUrl, parseDplCms } from './dpl-cms.js';
import { fetchLimited, type FetchLimits } from './fetch.js';
import { parseICalendar } from './icalendar.js';
import { ImportFailure, classify, normalizeTag, type ImportedEvent, type ParsedEntry } from './mapping.js';
import { importSettings } from './settings.js';

/**
 * One run of one event source: fetch (outside any transaction: no connection is held while a
 * website answers), map, then write everything in one transaction that first locks the source's
 * row, so that two processes running the same source take turns and the second finds the first
 * one's activities. A failure anywhere leaves the activities as they were; the run row records
 * the outcome either way.
 */

/** The columns of an activity's link to its source that the import sets (`imported_at` is the database's). */
const LINKED = [
  'activityId',
  'sourceId',
  'externalId',
  'seriesId',
  'contentHash',
] as const satisfies readonly (keyof ActivitySourceRecord)[];

/** The counts a finished run records. */
const FINISHED = [
  'outcome',
  'created',
  'updated',
  'cancelled',
  'unchanged',
  'skipped',
] as const satisfies readonly (keyof RunRecord)[];

interface ThemeRow {
  id: string;
  title: string;
  slug: string;
  starts_on: string;
  ends_on: string;
  registered: boolean;
}

export interface SkippedEntry {
  externalId: string | null;
  title: string | null;
  reason: string;
}

interface Counts {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  skipped: SkippedEntry[];
}

/** Stored on the run at most; the count says how many there were. */
const MAX_SKIPPED_LISTED = 500;
/** A RUNNING run older than this was interrupted (the process stopped); the next run closes it. */
const STALE_RUN_MINUTES = 15;

export const CANCELLED_ON_WEBSITE = 'Aflyst: biblioteket har aflyst arrangementet på sin hjemmeside.';
export const REMOVED_FROM_WEBSITE = 'Aflyst: arrangementet er fjernet fra bibliotekets hjemmeside.';

/** The name an import writes under in the audit log: the source, not a person. */
export function sourceActorName(source: Pick<SourceRecord, 'kind' | 'url'>): string {
  return `Event source (${source.kind === 'DPL_CMS' ? 'DPL CMS' : 'iCalendar'}) ${source.url}`.slice(0, 200);
}

/** The source-owned columns of an imported event, as stored. */
function columnsOf(e: ImportedEvent) {
  return {
    title: e.title,
    description: e.description,
    venue_name: e.venue?.name ?? null,
    venue_address: e.venue?.address ?? null,
    venue_postal_code: e.venue?.postalCode ?? null,
    venue_city: e.venue?.city ?? null,
    latitude: e.venue?.latitude ?? null,
    longitude: e.venue?.longitude ?? null,
    image_url: e.imageUrl,
    image_alt: e.imageUrl ? e.title : null,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    capacity: e.capacity,
    signup_url: e.signupUrl,
    price_dkk: e.priceDkk,
  };
}

type Columns = ReturnType<typeof columnsOf>;
const COLUMN_TYPES: Record<keyof Columns, string> = {
  title: 'text',
  description: 'text',
  venue_name: 'text',
  venue_address: 'text',
  venue_postal_code: 'text',
  venue_city: 'text',
  latitude: 'double precision',
  longitude: 'double precision',
  image_url: 'text',
  image_alt: 'text',
  starts_at: 'timestamptz',
  ends_at: 'timestamptz',
  capacity: 'integer',
  signup_url: 'text',
  price_dkk: 'numeric',
};
const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as (keyof Columns)[];

/** The API's names of the source-owned columns, for the audit log. */
const API_NAMES: Record<keyof Columns, string> = {
  title: 'title',
  description: 'description',
  venue_name: 'venue.name',
  venue_address: 'venue.address',
  venue_postal_code: 'venue.postalCode',
  venue_city: 'venue.city',
  latitude: 'venue.latitude',
  longitude: 'venue.longitude',
  image_url: 'image.url',
  image_alt: 'image.alt',
  starts_at: 'startsAt',
  ends_at: 'endsAt',
  capacity: 'capacity',
  signup_url: 'signupUrl',
  price_dkk: 'priceDkk',
};

function apiSnapshot(c: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    COLUMN_NAMES.map((k) => [
      API_NAMES[k],
      k === 'price_dkk' && c[k] !== null && c[k] !== undefined ? Number(c[k]) : c[k],
    ]),
  );
}

/** What decides "changed": the source-owned content, the cancellation and the series. */
function contentHash(e: ImportedEvent): string {
  const c = columnsOf(e);
  const stable = {
    ...c,
    starts_at: c.starts_at.toISOString(),
    ends_at: c.ends_at.toISOString(),
    cancelled: e.cancelled,
    series: e.seriesId,
  };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}

/** Rules of the activity table that mapping cannot guarantee; the reason, or null when storable. */
function unstorable(e: ImportedEvent): string | null {
  if (e.priceDkk !== null && e.priceDkk > 1_000_000)
    return `The price ${e.priceDkk} kr. is not plausible; check the price unit of the source (KRONER or OERE).`;
  if (e.endsAt.getTime() - e.startsAt.getTime() > 366 * 86_400_000) return 'The event lasts more than a year.';
  return null;
}

const overlaps = (e: { startsAt: Date; endsAt: Date }, t: ThemeRow) =>
  e.endsAt > startOfCopenhagenDay(t.starts_on) && e.startsAt < endOfCopenhagenDay(t.ends_on);

/** The themes an event's tags point to (before looking at dates); empty when it is no theme event. */
function themesTagged(tags: string[], source: SourceRecord, themes: ThemeRow[]): ThemeRow[] {
  if (source.matchAllInThemeWeeks) return themes.filter((t) => t.registered);
  const normalized = new Set(tags.map(normalizeTag));
  if (source.themeTags.length) return source.themeTags.some((t) => normalized.has(normalizeTag(t))) ? themes : [];
  return themes.filter((t) => normalized.has(normalizeTag(t.title)) || normalized.has(normalizeTag(t.slug)));
}

interface Matched {
  event: ImportedEvent;
  theme: ThemeRow;
}

/** Sorts parsed entries into theme events to write and skipped ones with their reasons. */
function match(
  entries: ParsedEntry[],
  source: SourceRecord,
  themes: ThemeRow[],
): { matched: Matched[]; skipped: SkippedEntry[]; seen: Set<string> } {
  const matched: Matched[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if ('rejected' in entry) {
      const r = entry.rejected;
      if (r.externalId) seen.add(r.externalId);
      if (themesTagged(r.tags, source, themes).length)
        skipped.push({ externalId: r.externalId, title: r.title, reason: r.reason });
      continue;
    }
    const e = entry.event;
    const tagged = themesTagged(e.tags, source, themes);
    if (!tagged.length) continue;
    const skip = (reason: string) => skipped.push({ externalId: e.externalId, title: e.title, reason });
    if (seen.has(e.externalId)) {
      skip('The source lists this event twice; the first one is imported.');
      continue;
    }
    seen.add(e.externalId);
    const theme = tagged.find((t) => overlaps(e, t));
    if (!theme) {
      if (source.matchAllInThemeWeeks) continue;
      const t = tagged[0]!;
      skip(`The event is outside the weeks of the theme "${t.title}" (${t.starts_on} to ${t.ends_on}).`);
      continue;
    }
    if (!theme.registered) {
      skip(
        `The library is not signed up for the theme "${theme.title}"; sign up (registerLibraryForTheme) and run the source again.`,
      );
      continue;
    }
    const reason = unstorable(e);
    if (reason) {
      skip(reason);
      continue;
    }
    matched.push({ event: e, theme });
  }
  return { matched, skipped, seen };
}

async function fetchAndParse(source: SourceRecord, themes: ThemeRow[], limits: FetchLimits): Promise<ParsedEntry[]> {
  const today = copenhagenDate(new Date());
  const from = themes.map((t) => t.starts_on).sort()[0] ?? today;
  const to =
    themes
      .map((t) => t.ends_on)
      .sort()
      .at(-1) ?? today;
  if (source.kind === 'DPL_CMS') {
    const fetched = await fetchLimited(
      dplEventsUrl(source.url, from),
      {
        types: ['application/json', 'application/hal+json'],
        what: 'JSON from a DPL CMS events API',
        header: 'application/json',
      },
      limits,
    );
    return parseDplCms(fetched.body, source.priceUnit);
  }
  const fetched = await fetchLimited(
    source.url,
    {
      types: ['text/calendar', 'application/ics', 'text/plain'],
      what: 'an iCalendar file (text/calendar)',
      header: 'text/calendar',
    },
    limits,
  );
  return parseICalendar(fetched.body, { from: startOfCopenhagenDay(from), to: endOfCopenhagenDay(to) });
}

interface ExistingRow {
  activity_id: string;
  external_id: string;
  content_hash: string;
  theme_id: string;
  status: string;
  version: number;
  starts_at: Date;
  columns: Record<string, unknown>;
}

async function writeRun(
  ctx: RequestContext,
  source: SourceRecord,
  themes: ThemeRow[],
  entries: ParsedEntry[],
  runId: string,
): Promise<Counts> {
  return inTransaction(ctx, async (tx) => {
    // Runs of one source take turns here, across processes.
    const [locked] = await sql(tx, `SELECT id FROM event_source WHERE id = $1 FOR UPDATE`, [source.id]);
    if (!locked) throw new ImportFailure('The source was removed while it ran.');
    const { matched, skipped, seen } = match(entries, source, themes);
    const existingRows = await sql<ExistingRow>(
      tx,
      `SELECT s.activity_id, s.external_id, s.content_hash, a.theme_id, a.status, a.version, a.starts_at,
              json_build_object(${COLUMN_NAMES.map((c) => `'${c}', a.${c}`).join(', ')}) AS columns
         FROM activity_source s JOIN activity a ON a.id = s.activity_id
        WHERE s.source_id = $1`,
      [source.id],
    );
    const existing = new Map(existingRows.map((r) => [r.external_id, r]));
    const counts: Counts = { created: 0, updated: 0, cancelled: 0, unchanged: 0, skipped };

    for (const { event, theme } of matched) {
      const hash = contentHash(event);
      const columns = columnsOf(event);
      const values = COLUMN_NAMES.map((k) => columns[k]);
      const current = existing.get(event.externalId);
      if (current) {
        if (current.content_hash === hash || current.status === 'CANCELLED') {
          counts.unchanged++;
          continue;
        }
        const sets = COLUMN_NAMES.map((k, i) => `${k} = $${i + 2}::${COLUMN_TYPES[k]}`);
        const cancel = event.cancelled;
        await sql(
          tx,
          `UPDATE activity SET ${sets.join(', ')}${cancel ? `, status = 'CANCELLED', cancellation_reason = $${values.length + 2}` : ''},
                  version = version + 1, updated_at = now()
            WHERE id = $1`,
          [current.activity_id, ...values, ...(cancel ? [CANCELLED_ON_WEBSITE] : [])],
        );
        const link = updateOf(
          ACTIVITY_SOURCE_TABLE,
          ['contentHash', 'seriesId'],
          {
            contentHash: hash,
            seriesId: event.seriesId,
          },
          1,
        );
        await sql(tx, `UPDATE activity_source SET ${link.sets}, imported_at = now() WHERE activity_id = $1`, [
          current.activity_id,
          ...link.values,
        ]);
        const before = apiSnapshot(current.columns);
        const after = apiSnapshot({
          ...columns,
          starts_at: columns.starts_at.toISOString(),
          ends_at: columns.ends_at.toISOString(),
        });
        for (const k of ['startsAt', 'endsAt'])
          before[k] = before[k] ? new Date(before[k] as string).toISOString() : before[k];
        await recordAudit(tx, {
          action: cancel ? 'import_cancel' : 'import_update',
          entityType: 'Activity',
          entityId: current.activity_id,
          changes: {
            ...changesBetween(before, after),
            ...(cancel
              ? {
                  status: { before: current.status, after: 'CANCELLED' },
                  cancellationReason: { after: CANCELLED_ON_WEBSITE },
                }
              : {}),
            version: { before: current.version, after: current.version + 1 },
          },
        });
        if (cancel) counts.cancelled++;
        else counts.updated++;
        continue;
      }
      if (event.cancelled) {
        counts.skipped.push({
          externalId: event.externalId,
          title: event.title,
          reason: 'The event is cancelled on the website and was never imported, so there is nothing to cancel.',
        });
        continue;
      }
      const { audiences, format } = classify(event.tags);
      const channel = event.online ? 'WEB' : 'LIBRARY';
      const status = source.publishImmediately ? 'PUBLISHED' : 'DRAFT';
      const placeholders = COLUMN_NAMES.map((k, i) => `$${i + 8}::${COLUMN_TYPES[k]}`);
      const [row] = await sql<{ id: string }>(
        tx,
        `INSERT INTO activity (theme_id, library_id, audiences, format, channel, status, published_at, ${COLUMN_NAMES.join(', ')})
         VALUES ($1, $2, $3::text[], $4, $5, $6, $7::timestamptz, ${placeholders.join(', ')}) RETURNING id`,
        [
          theme.id,
          source.libraryId,
          audiences,
          format,
          channel,
          status,
          status === 'PUBLISHED' ? new Date() : null,
          ...values,
        ],
      );
      const link = insertOf(ACTIVITY_SOURCE_TABLE, LINKED, {
        activityId: row!.id,
        sourceId: source.id,
        externalId: event.externalId,
        seriesId: event.seriesId,
        contentHash: hash,
      });
      await sql(tx, `INSERT INTO activity_source (${link.columns}) VALUES (${link.placeholders})`, link.values);
      await recordAudit(tx, {
        action: 'import_create',
        entityType: 'Activity',
        entityId: row!.id,
        changes: changesBetween(null, {
          themeId: theme.id,
          libraryId: source.libraryId,
          audiences,
          format,
          channel,
          status,
          ...apiSnapshot(columns),
          externalId: event.externalId,
        }),
      });
      counts.created++;
    }

    // Gone from the source: cancelled (never deleted), if it is still to come and belongs to a
    // theme this run looked at; past events drop out of website listings by themselves.
    const themeIds = new Set(themes.map((t) => t.id));
    const now = Date.now();
    for (const row of existingRows) {
      if (
        seen.has(row.external_id) ||
        row.status === 'CANCELLED' ||
        !themeIds.has(row.theme_id) ||
        row.starts_at.getTime() <= now
      )
        continue;
      await sql(
        tx,
        `UPDATE activity SET status = 'CANCELLED', cancellation_reason = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [row.activity_id, REMOVED_FROM_WEBSITE],
      );
      await recordAudit(tx, {
        action: 'import_cancel',
        entityType: 'Activity',
        entityId: row.activity_id,
        changes: {
          status: { before: row.status, after: 'CANCELLED' },
          cancellationReason: { after: REMOVED_FROM_WEBSITE },
          version: { before: row.version, after: row.version + 1 },
        },
      });
      counts.cancelled++;
    }

    const finished = updateOf(
      EVENT_SOURCE_RUN_TABLE,
      FINISHED,
      {
        outcome: counts.skipped.length ? 'PARTIAL' : 'SUCCEEDED',
        created: counts.created,
        updated: counts.updated,
        cancelled: counts.cancelled,
        unchanged: counts.unchanged,
        skipped: counts.skipped.length,
      },
      1,
    );
    // The list goes as JSON text: an array parameter would be sent as a PostgreSQL array.
    const listed = finished.values.length + 2;
    await sql(
      tx,
      `UPDATE event_source_run SET ${finished.sets}, finished_at = clock_timestamp(), skipped_events = $${listed}::jsonb WHERE id = $1`,
      [runId, ...finished.values, JSON.stringify(counts.skipped.slice(0, MAX_SKIPPED_LISTED))],
    );
    return counts;
  });
}

export interface RunResult {
  runId: string;
  outcome: 'SUCCEEDED' | 'PARTIAL' | 'FAILED';
  error: string | null;
}

/**
 * Runs one source now and returns its finished run. Never throws for problems of the source
 * (they become a FAILED run with the reason); throws only when the source does not exist.
 */
export async function runImport(db: DataSource, log: Logger, sourceId: string): Promise<RunResult> {
  const settings = importSettings(db);
  const started = process.hrtime.bigint();
  const [source] = (await db.query(`SELECT ${SOURCE_COLUMNS} FROM event_source s WHERE s.id = $1`, [
    sourceId,
  ])) as SourceRecord[];
  if (!source) throw new Error(`event source ${sourceId} does not exist`);
  await db.query(
    `UPDATE event_source_run SET outcome = 'FAILED', finished_at = clock_timestamp(), error = 'The run was interrupted (the server stopped while it ran).'
      WHERE source_id = $1 AND outcome = 'RUNNING' AND started_at < now() - interval '${STALE_RUN_MINUTES} minutes'`,
    [sourceId],
  );
  const [run] = (await db.query(`INSERT INTO event_source_run (source_id) VALUES ($1) RETURNING id`, [
    sourceId,
  ])) as Pick<RunRecord, 'id'>[];
  const runId = run!.id;
  const ctx = createRequestContext({
    requestId: `import:${runId}`,
    viewer: { role: null, tokenId: null, tokenName: sourceActorName(source), libraryId: null },
    db,
    log: log.child({ eventSource: sourceId, run: runId }),
  });
  let result: RunResult;
  let counts: Counts | undefined;
  try {
    // Published themes that have not ended; which the library is signed up for decides the rest.
    const themes = await sql<ThemeRow>(
      ctx,
      `SELECT t.id, t.title, t.slug, t.starts_on::text AS starts_on, t.ends_on::text AS ends_on,
              EXISTS (SELECT 1 FROM registration r WHERE r.theme_id = t.id AND r.library_id = $1 AND r.status = 'REGISTERED') AS registered
         FROM theme t WHERE t.is_published AND t.ends_on >= $2::date ORDER BY t.starts_on`,
      [source.libraryId, copenhagenDate(new Date())],
    );
    const entries = await fetchAndParse(source, themes, {
      allowPrivateHosts: settings.allowPrivateHosts,
      timeoutMs: settings.fetchTimeoutMs,
    });
    counts = await writeRun(ctx, source, themes, entries, runId);
    result = { runId, outcome: counts.skipped.length ? 'PARTIAL' : 'SUCCEEDED', error: null };
  } catch (err) {
    const message =
      err instanceof ImportFailure
        ? err.message
        : 'The import failed because of an internal error; the operators can find it in the log under this run id.';
    if (!(err instanceof ImportFailure)) ctx.log.error({ err }, 'event import failed unexpectedly');
    else ctx.log.warn({ reason: message }, 'event import failed');
    await db.query(
      `UPDATE event_source_run SET outcome = 'FAILED', finished_at = clock_timestamp(), error = $2 WHERE id = $1`,
      [runId, message],
    );
    result = { runId, outcome: 'FAILED', error: message };
  }
  // Committed changes to activities: cached anonymous answers must not outlive them.
  if (counts && counts.created + counts.updated + counts.cancelled > 0)
    await settings.afterActivitiesChanged?.().catch((err: unknown) => {
      ctx.log.error({ err }, 'could not start a new response-cache generation after an import');
    });
  const metrics = settings.metrics;
  if (metrics) {
    metrics.runs.inc({ outcome: result.outcome });
    if (counts) {
      metrics.events.inc({ outcome: 'created' }, counts.created);
      metrics.events.inc({ outcome: 'updated' }, counts.updated);
      metrics.events.inc({ outcome: 'cancelled' }, counts.cancelled);
      metrics.events.inc({ outcome: 'unchanged' }, counts.unchanged);
      metrics.events.inc({ outcome: 'skipped' }, counts.skipped.length);
    }
    metrics.duration.observe({ kind: source.kind }, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return result;
}
