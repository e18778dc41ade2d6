import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { NotFoundError, BadUserInputError } from '../../shared/errors.js';
import { ActivityStatus } from '../../shared/enums.js';
import { SqlParams } from '../../shared/sql-params.js';
import {
  ACTIVITY_COLUMNS,
  activityVisibilitySql,
  toActivity,
  type Activity,
  type ActivityRecord,
} from '../activity/index.js';
import type { LibraryRecord } from '../library/index.js';
import { themeVisibleSql } from '../theme/index.js';
import { escapeText, serialize, utcDateTime, type Component, type Property } from './ical.js';

interface FeedActivity {
  activity: Activity;
  libraryName: string;
  libraryEmail: string | null;
}

/** The feed's activities in one statement: the theme's visible activities, optionally of one municipality. */
async function feedActivities(
  ctx: RequestContext,
  themeId: string,
  municipalityCode: number | null,
): Promise<FeedActivity[]> {
  const p = new SqlParams();
  const conditions = [`a.theme_id = ${p.add(themeId, 'uuid')}`];
  const visibility = activityVisibilitySql(ctx.viewer, p);
  if (visibility) conditions.push(visibility);
  if (municipalityCode !== null) conditions.push(`l.municipality_code = ${p.add(municipalityCode, 'int')}`);
  const rows = await sql<ActivityRecord & { libraryName: LibraryRecord['name']; libraryEmail: LibraryRecord['email'] }>(
    ctx,
    `SELECT ${ACTIVITY_COLUMNS}, l.name AS "libraryName", l.email AS "libraryEmail"
       FROM activity a JOIN library l ON l.id = a.library_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY a.starts_at, a.id`,
    p.values,
  );
  return rows.map((r) => ({ activity: toActivity(r), libraryName: r.libraryName, libraryEmail: r.libraryEmail }));
}

function vevent({ activity: a, libraryName, libraryEmail }: FeedActivity): Component {
  const description = [
    a.description,
    `Arrangør: ${libraryName}`,
    a.cancellationReason ? `Aflyst: ${a.cancellationReason}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
  const properties: Property[] = [
    ['UID', `${a.id}@temahub`],
    ['DTSTAMP', utcDateTime(a.updatedAt)],
    ['DTSTART', utcDateTime(a.startsAt)],
    ['DTEND', utcDateTime(a.endsAt)],
    ['SUMMARY', escapeText(a.title)],
    ['DESCRIPTION', escapeText(description)],
  ];
  if (a.venue) {
    const place = [a.venue.name, a.venue.address, [a.venue.postalCode, a.venue.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    properties.push(['LOCATION', escapeText(place)]);
    if (a.venue.location) properties.push(['GEO', `${a.venue.location.latitude};${a.venue.location.longitude}`]);
  }
  if (a.signupUrl && !/[\s"]/.test(a.signupUrl)) properties.push(['URL', a.signupUrl]);
  if (libraryEmail && !/[\s":;]/.test(libraryEmail)) {
    properties.push([`ORGANIZER;CN="${libraryName.replace(/["\\\r\n]/g, '')}"`, `mailto:${libraryEmail}`]);
  }
  properties.push(
    ['STATUS', a.status === ActivityStatus.CANCELLED ? 'CANCELLED' : 'CONFIRMED'],
    // SEQUENCE counts revisions from 0; our version starts at 1.
    ['SEQUENCE', String(a.version - 1)],
    ['CREATED', utcDateTime(a.createdAt)],
    ['LAST-MODIFIED', utcDateTime(a.updatedAt)],
  );
  return { name: 'VEVENT', properties };
}

/** Parses `?municipality=`: absent → null; anything but a known municipality code → BAD_USER_INPUT. */
export async function parseMunicipality(
  ctx: RequestContext,
  raw: unknown,
): Promise<{ code: number; name: string } | null> {
  if (raw === undefined) return null;
  const invalid = () =>
    new BadUserInputError(
      '"municipality" must be an official municipality code, e.g. 851 for Aalborg.',
      'municipality',
    );
  if (typeof raw !== 'string' || !/^\d{3}$/.test(raw)) throw invalid();
  const [row] = await sql<{ code: number; name: string }>(
    ctx,
    'SELECT code, name FROM municipality WHERE code = $1::int',
    [Number(raw)],
  );
  if (!row) throw invalid();
  return row;
}

/** The iCalendar of a theme's published and cancelled activities (visible to the caller). */
export async function themeCalendar(
  ctx: RequestContext,
  slug: string,
  municipality: { code: number; name: string } | null,
): Promise<string> {
  const visible = themeVisibleSql(ctx.viewer, 'id');
  const [theme] = await sql<{ id: string; number: number; title: string; summary: string }>(
    ctx,
    `SELECT id, number, title, summary FROM theme WHERE slug = $1::text${visible ? ` AND ${visible}` : ''}`,
    [slug],
  );
  if (!theme) throw new NotFoundError(`There is no theme "${slug.slice(0, 100)}".`);
  const activities = await feedActivities(ctx, theme.id, municipality?.code ?? null);
  const name = `Tema ${theme.number}: ${theme.title}${municipality ? ` – ${municipality.name}` : ''}`;
  return serialize({
    name: 'VCALENDAR',
    properties: [
      ['PRODID', '-//Bibliotekernes Temasamarbejde//Temahub//DA'],
      ['VERSION', '2.0'],
      ['CALSCALE', 'GREGORIAN'],
      ['METHOD', 'PUBLISH'],
      ['X-WR-CALNAME', escapeText(name)],
      ['X-WR-CALDESC', escapeText(theme.summary)],
    ],
    components: activities.map(vevent),
  });
}
