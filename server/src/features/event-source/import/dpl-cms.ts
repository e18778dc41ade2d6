import { copenhagenDate } from '../../../shared/dates.js';
import {
  DESCRIPTION_MAX,
  ImportFailure,
  MAX_EVENTS_PER_RUN,
  TITLE_MAX,
  absoluteUrl,
  parseDateTime,
  plainText,
  wholeDays,
  type ImportedVenue,
  type ParsedEntry,
} from './mapping.js';

/**
 * DPL CMS events (`GET {site}/api/v1/events?_format=json`, the fields of dpl-cms's openapi.json):
 * one JSON array of event occurrences. Structural problems fail the run; a bad event is
 * rejected with its reason and the others go on.
 */

export type PriceUnit = 'KRONER' | 'OERE';

/** The events URL of a DPL CMS site: the site's root or the endpoint itself, with `from_date`. */
export function dplEventsUrl(siteUrl: string, fromDate: string | null): string {
  const url = new URL(siteUrl);
  if (!/\/api\/v1\/events\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/events`;
  url.searchParams.set('_format', 'json');
  if (fromDate) url.searchParams.set('from_date', fromDate);
  return url.toString();
}

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .map((x) => (typeof x === 'string' ? x : text(record(x)?.title ?? record(x)?.name)))
        .filter((x): x is string => !!x && !!x.trim())
    : [];

function venueOf(address: Record<string, unknown> | null, branches: string[]): ImportedVenue | null {
  const street = text(address?.street);
  const zip = text(address?.zip_code);
  const name = text(address?.location) ?? branches[0] ?? street;
  if (!name) return null;
  const extra = text(address?.locationAdditional);
  return {
    name: name.slice(0, 200),
    address: [street, extra].filter(Boolean).join(', ').slice(0, 300) || null,
    postalCode: zip && /^[0-9]{4}$/.test(zip) ? zip : null,
    city: text(address?.city)?.slice(0, 100) ?? null,
    latitude: null,
    longitude: null,
  };
}

/** The lowest ticket price in kroner; null without ticket categories (free). */
function priceOf(categories: unknown, unit: PriceUnit): number | null {
  if (!Array.isArray(categories)) return null;
  const values = categories
    .map((c) => record(record(c)?.price))
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar of unknown type, shown as text
    .filter((p) => p && (p.currency === undefined || p.currency === null || String(p.currency).toUpperCase() === 'DKK'))
    .map((p) => Number(p!.value))
    .filter((v) => Number.isFinite(v) && v >= 0);
  if (!values.length) return null;
  const lowest = Math.min(...values);
  return Math.round((unit === 'OERE' ? lowest / 100 : lowest) * 100) / 100;
}

/** Maps the body of the events endpoint; `priceUnit` says how the site sends `price.value`. */
export function parseDplCms(body: string, priceUnit: PriceUnit): ParsedEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new ImportFailure('The source did not answer valid JSON (the answer is cut off or malformed).');
  }
  if (!Array.isArray(data))
    throw new ImportFailure('The source answered JSON, but not the list of events a DPL CMS events API gives.');
  if (data.length > MAX_EVENTS_PER_RUN)
    throw new ImportFailure(
      `The source lists ${data.length} events; at most ${MAX_EVENTS_PER_RUN} are imported per run.`,
    );
  return data.map((raw): ParsedEntry => {
    const e = record(raw);
    const externalId = text(e?.uuid);
    const title = plainText(text(e?.title), TITLE_MAX) || null;
    const tags = [...strings(e?.categories), ...strings(e?.tags)];
    const reject = (reason: string): ParsedEntry => ({ rejected: { externalId, title, tags, reason } });
    if (!e) return reject('The entry is not an event object.');
    if (!externalId) return reject('The event has no uuid.');
    if (!title) return reject('The event has no title.');
    const dateTime = record(e.date_time);
    if (!dateTime || dateTime.start === undefined || dateTime.start === null || dateTime.start === '')
      return reject('The event has no start time (date_time.start).');
    let startsAt = parseDateTime(dateTime.start);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar of unknown type, shown as text
    if (!startsAt) return reject(`The start time "${String(dateTime.start).slice(0, 40)}" is not a date and time.`);
    let endsAt =
      dateTime.end === undefined || dateTime.end === null || dateTime.end === '' ? null : parseDateTime(dateTime.end);
    if (dateTime.end && !endsAt)
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar of unknown type, shown as text
      return reject(`The end time "${String(dateTime.end).slice(0, 40)}" is not a date and time.`);
    if (e.all_day === true) {
      ({ startsAt, endsAt } = wholeDays(
        copenhagenDate(startsAt),
        copenhagenDate(endsAt && endsAt > startsAt ? new Date(endsAt.getTime() - 1) : startsAt),
      ));
    }
    endsAt ??= new Date(startsAt.getTime() + 3_600_000);
    if (endsAt <= startsAt)
      return reject('The event ends before it starts (date_time.end is not after date_time.start).');
    const address = record(e.address);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar of unknown type, shown as text
    const online = String(address?.locationType ?? '').toLowerCase() === 'online';
    const description = plainText(text(e.body), DESCRIPTION_MAX) || plainText(text(e.description), DESCRIPTION_MAX);
    const capacity = Number(e.ticket_capacity);
    return {
      event: {
        externalId,
        seriesId: text(record(e.series)?.uuid),
        title,
        description,
        tags,
        startsAt,
        endsAt,
        online,
        venue: online ? null : venueOf(address, strings(e.branches)),
        imageUrl: absoluteUrl(record(e.image)?.url, true) ?? absoluteUrl(record(e.teaserImage)?.url, true),
        signupUrl: absoluteUrl(record(e.external_data)?.url) ?? absoluteUrl(e.url),
        priceDkk: priceOf(e.ticket_categories, priceUnit),
        capacity: Number.isInteger(capacity) && capacity > 0 && capacity <= 1_000_000 ? capacity : null,
        cancelled: e.state === 'Cancelled',
      },
    };
  });
}
