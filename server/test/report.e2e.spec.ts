import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { ReportReportQuery } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { themeId } from './support/fixtures.js';
import { isoWeekOfDate, copenhagenDate } from '../src/shared/dates.js';

const REPORT = graphql(`
  query ReportReport($t: ID!) {
    themeReport(themeId: $t) {
      theme {
        number
        title
      }
      registeredLibraries
      municipalitiesCovered
      municipalitiesTotal
      coverageByRegion {
        region
        registeredLibraries
        municipalitiesCovered
        municipalitiesTotal
        activities
      }
      municipalitiesWithoutRegistration {
        code
        name
        region
      }
      librariesWithoutActivities {
        id
        name
        isil
      }
      activitiesTotal
      activitiesCancelled
      activitiesByAudience {
        key
        count
      }
      activitiesByFormat {
        key
        count
      }
      activitiesByChannel {
        key
        count
      }
      activitiesByWeek {
        isoYear
        isoWeek
        count
      }
      partnersByKind {
        key
        count
      }
      attendanceTotal
      csv
    }
  }
`);

let server: TestServer;
let report: ReportReportQuery['themeReport'];
let theme11: string;

/** The raw demo data, read with plain SELECTs; every expected figure below is computed from it in JavaScript. */
let raw: {
  registrations: { library_id: string; status: string; municipality_code: number; region_code: string }[];
  municipalities: { code: number; name: string; region_code: string }[];
  activities: {
    id: string;
    library_id: string;
    status: string;
    audiences: string[];
    format: string;
    channel: string;
    starts_at: Date;
    attendance: number | null;
    region_code: string;
  }[];
  partnerLinks: { partner_id: string; kind: string; activity_id: string | null }[];
};

beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  const { token } = await issueToken(server.db, 'COORDINATOR');
  // Some attendance, so that the total is not trivially 0.
  await server.db.query(
    `UPDATE activity SET attendance = 10 + (ascii(substr(id::text, 1, 1)) % 7) WHERE theme_id = $1 AND status = 'PUBLISHED' AND attendance IS NULL AND substr(id::text, 2, 1) < '8'`,
    [theme11],
  );
  report = (await server.ok(REPORT, { t: theme11 }, { token })).themeReport;
  raw = {
    registrations: await server.db.query(
      `SELECT r.library_id, r.status, l.municipality_code, m.region_code FROM registration r JOIN library l ON l.id = r.library_id JOIN municipality m ON m.code = l.municipality_code WHERE r.theme_id = $1`,
      [theme11],
    ),
    municipalities: await server.db.query(`SELECT code, name, region_code FROM municipality`),
    activities: await server.db.query(
      `SELECT a.id, a.library_id, a.status, a.audiences, a.format, a.channel, a.starts_at, a.attendance, m.region_code
         FROM activity a JOIN library l ON l.id = a.library_id JOIN municipality m ON m.code = l.municipality_code WHERE a.theme_id = $1`,
      [theme11],
    ),
    partnerLinks: [
      ...(await server.db.query(
        `SELECT tp.partner_id, p.kind, NULL AS activity_id FROM theme_partner tp JOIN partner p ON p.id = tp.partner_id WHERE tp.theme_id = $1`,
        [theme11],
      )),
      ...(await server.db.query(
        `SELECT ap.partner_id, p.kind, ap.activity_id FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id JOIN activity a ON a.id = ap.activity_id WHERE a.theme_id = $1`,
        [theme11],
      )),
    ],
  };
});
afterAll(async () => {
  await server?.stop();
});

const countBy = <T>(items: T[], key: (t: T) => string | string[]) => {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of [key(item)].flat()) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};
const nonZero = (list: { key: string; count: number }[]) =>
  new Map(list.filter((k) => k.count > 0).map((k) => [k.key, k.count]));

describe('themeReport for Tema 11 "Vores natur"', () => {
  it('counts registered libraries and covered municipalities', () => {
    const registered = raw.registrations.filter((r) => r.status === 'REGISTERED');
    expect(report.theme).toEqual({ number: 11, title: 'Vores natur' });
    expect(report.registeredLibraries).toBe(registered.length);
    expect(report.registeredLibraries).toBeGreaterThanOrEqual(76);
    const covered = new Set(registered.map((r) => r.municipality_code));
    expect(report.municipalitiesCovered).toBe(covered.size);
    expect(report.municipalitiesTotal).toBe(98);
    const uncovered = raw.municipalities.filter((m) => !covered.has(m.code));
    expect(report.municipalitiesWithoutRegistration.map((m) => m.code).sort()).toEqual(
      uncovered.map((m) => m.code).sort(),
    );
    expect(report.municipalitiesCovered + report.municipalitiesWithoutRegistration.length).toBe(98);
  });

  it('covers each region, in the official order of the regions', async () => {
    const order = ((await server.db.query(`SELECT code FROM region ORDER BY official_code`)) as { code: string }[]).map(
      (r) => r.code,
    );
    const registered = raw.registrations.filter((r) => r.status === 'REGISTERED');
    const counted = raw.activities.filter((a) => a.status !== 'DRAFT');
    expect(report.coverageByRegion.map((r) => r.region)).toEqual(order);
    expect(order).toHaveLength(5);
    for (const region of report.coverageByRegion) {
      const inRegion = registered.filter((r) => r.region_code === region.region);
      expect(region).toEqual({
        region: region.region,
        registeredLibraries: inRegion.length,
        municipalitiesCovered: new Set(inRegion.map((r) => r.municipality_code)).size,
        municipalitiesTotal: raw.municipalities.filter((m) => m.region_code === region.region).length,
        activities: counted.filter((a) => a.region_code === region.region).length,
      });
    }
  });

  it('lists registered libraries without a published activity', () => {
    const published = new Set(raw.activities.filter((a) => a.status === 'PUBLISHED').map((a) => a.library_id));
    const expected = raw.registrations
      .filter((r) => r.status === 'REGISTERED' && !published.has(r.library_id))
      .map((r) => r.library_id);
    expect(report.librariesWithoutActivities.map((l) => l.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it('counts published and cancelled activities, never drafts, by audience, format, channel and week', () => {
    const counted = raw.activities.filter((a) => a.status === 'PUBLISHED' || a.status === 'CANCELLED');
    expect(raw.activities.some((a) => a.status === 'DRAFT')).toBe(true);
    expect(report.activitiesTotal).toBe(counted.length);
    expect(report.activitiesTotal).toBeGreaterThan(150);
    expect(report.activitiesCancelled).toBe(counted.filter((a) => a.status === 'CANCELLED').length);
    expect(nonZero(report.activitiesByAudience)).toEqual(countBy(counted, (a) => a.audiences));
    expect(nonZero(report.activitiesByFormat)).toEqual(countBy(counted, (a) => a.format));
    expect(nonZero(report.activitiesByChannel)).toEqual(countBy(counted, (a) => a.channel));
    expect(report.activitiesByAudience).toHaveLength(7);
    const sum = (list: { count: number }[]) => list.reduce((n, k) => n + k.count, 0);
    expect(sum(report.activitiesByFormat)).toBe(report.activitiesTotal);
    expect(sum(report.activitiesByChannel)).toBe(report.activitiesTotal);
    expect(sum(report.activitiesByWeek)).toBe(report.activitiesTotal);

    const weeks = countBy(counted, (a) => {
      const w = isoWeekOfDate(copenhagenDate(new Date(a.starts_at)));
      return `${w.year}-${w.week}`;
    });
    const reported = new Map(
      report.activitiesByWeek.filter((w) => w.count > 0).map((w) => [`${w.isoYear}-${w.isoWeek}`, w.count]),
    );
    expect(reported).toEqual(weeks);
    expect(report.activitiesByWeek.map((w) => w.isoWeek)).toEqual([16, 17, 18, 19, 20]);
  });

  it('counts distinct partners by kind and sums attendance', () => {
    const countedIds = new Set(raw.activities.filter((a) => a.status !== 'DRAFT').map((a) => a.id));
    const partners = new Map<string, string>();
    for (const l of raw.partnerLinks)
      if (l.activity_id === null || countedIds.has(l.activity_id)) partners.set(l.partner_id, l.kind);
    expect(nonZero(report.partnersByKind)).toEqual(countBy([...partners.values()], (k) => k));
    const attendance = raw.activities.filter((a) => a.status !== 'DRAFT').reduce((n, a) => n + (a.attendance ?? 0), 0);
    expect(report.attendanceTotal).toBe(attendance);
    expect(attendance).toBeGreaterThan(0);
  });

  it('gives the same figures as CSV: RFC 4180, one section per table, Danish letters intact', () => {
    const csv: string = report.csv;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).not.toMatch(/[^\r]\n/);
    const sections = parseCsv(csv.slice(1)).reduce<string[][][]>(
      (acc, row) => {
        if (row.length === 1 && row[0] === '') acc.push([]);
        else acc[acc.length - 1]!.push(row);
        return acc;
      },
      [[]],
    );
    const byTitle = new Map(sections.map((s) => [s[0]![0]!, s.slice(1)]));
    expect([...byTitle.keys()].slice(1)).toEqual([
      'Coverage by region',
      'Municipalities without registration',
      'Libraries without activities',
      'Activities by audience',
      'Activities by format',
      'Activities by channel',
      'Activities by week',
      'Partners by kind',
    ]);
    const figures = Object.fromEntries(sections[0]!.slice(2).map(([k, v]) => [k, Number(v)]));
    expect(figures).toEqual({
      registeredLibraries: report.registeredLibraries,
      municipalitiesCovered: report.municipalitiesCovered,
      municipalitiesTotal: 98,
      activitiesTotal: report.activitiesTotal,
      activitiesCancelled: report.activitiesCancelled,
      attendanceTotal: report.attendanceTotal,
    });
    const municipalities = byTitle.get('Municipalities without registration')!.slice(1);
    expect(municipalities.map(([, name]) => name)).toEqual(report.municipalitiesWithoutRegistration.map((m) => m.name));
    expect(municipalities.some(([, name]) => /[æøåÆØÅ]/.test(name!))).toBe(true);
    const formats = byTitle
      .get('Activities by format')!
      .slice(1)
      .map(([k, n]) => ({ key: k, count: Number(n) }));
    expect(formats).toEqual(report.activitiesByFormat);
    const regions = byTitle.get('Coverage by region')!.slice(1);
    expect(regions.map((r) => Number(r[4]))).toEqual(report.coverageByRegion.map((r) => r.activities));
  });

  it('is NOT_FOUND for an unknown theme', async () => {
    const { token } = await issueToken(server.db, 'COORDINATOR');
    const res = await server.gql(REPORT, { t: '00000000-0000-4000-8000-000000000000' }, { token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'themeId' });
    const malformed = await server.gql(REPORT, { t: 'tema-11' }, { token });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'themeId' });
  });
});

describe('GET /reports/themes/<themeId>.csv', () => {
  let coordinator: string;
  const download = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  /** The body as bytes decoded without dropping the byte-order mark (Response.text() drops it). */
  const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString('utf8');

  beforeAll(async () => {
    coordinator = (await issueToken(server.db, 'COORDINATOR', { name: 'download' })).token;
  });

  it('downloads exactly the CSV of themeReport { csv }, as an attachment named after the theme', async () => {
    const res = await download(`/reports/themes/${theme11}.csv`, coordinator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="temahub-tema-11-vores-natur.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf(res);
    const { themeReport } = await server.ok(
      graphql(`
        query ReportThemeReport($t: ID!) {
          themeReport(themeId: $t) {
            csv
          }
        }
      `),
      { t: theme11 },
      { token: coordinator },
    );
    expect(body).toBe(themeReport.csv);
    expect(body).toMatch(/^\uFEFF"?Theme 11: Vores natur/);
    // Upper-case ids name the same theme.
    const upper = await download(`/reports/themes/${theme11.toUpperCase()}.csv`, coordinator);
    expect(upper.status).toBe(200);
    expect(await bodyOf(upper)).toBe(themeReport.csv);
  });

  it('offers ?delimiter=semicolon for Excel with Danish settings: BOM, æøå, and no cell that starts a formula on either separator', async () => {
    const [hostile] = (await server.db.query(
      `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week)
       VALUES (97, 'formel-tema', 'Bibliotek;=1+1 og æøå,+2', 'Test', 'Test', 2030, 10, 12) RETURNING id`,
    )) as { id: string }[];
    const res = await download(`/reports/themes/${hostile!.id}.csv?delimiter=semicolon`, coordinator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await bodyOf(res);
    const lines = body.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF"Theme 97: Bibliotek;'=1+1 og æøå,'+2 (2030, weeks 10–12)"`);
    expect(lines[1]).toBe('figure;value');
    expect(lines[2]).toBe('registeredLibraries;0');
    for (const line of lines) {
      for (const separator of [';', ',']) {
        for (const cell of line.replace(/^\uFEFF/, '').split(separator))
          expect(cell.replace(/^"/, ''), line).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    // The same figures as the comma file, cell for cell.
    const comma = await bodyOf(await download(`/reports/themes/${theme11}.csv?delimiter=comma`, coordinator));
    const semicolon = await bodyOf(await download(`/reports/themes/${theme11}.csv?delimiter=semicolon`, coordinator));
    expect(parseCsv(semicolon.slice(1), ';')).toEqual(parseCsv(comma.slice(1)));
    expect(semicolon.startsWith('\uFEFF')).toBe(true);

    for (const delimiter of ['tab', 'constructor', '__proto__', '']) {
      const bad = await download(`/reports/themes/${theme11}.csv?delimiter=${delimiter}`, coordinator);
      expect(bad.status, delimiter).toBe(400);
      expect(await bad.text()).toMatch(/delimiter must be comma .* or semicolon/);
    }
  });

  it('answers 401 with WWW-Authenticate: Bearer for a missing, malformed or unknown token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic dXNlcjpwdw==' },
      { authorization: `Bearer th_${'x'.repeat(40)}` },
    ]) {
      const res = await download(`/reports/themes/${theme11}.csv`, undefined, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(/token/i);
    }
  });

  it('answers 403 to library staff and partners', async () => {
    const [{ library_id }] = await server.db.query(`SELECT library_id FROM registration WHERE theme_id = $1 LIMIT 1`, [
      theme11,
    ]);
    for (const { token } of [
      await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library_id }),
      await issueToken(server.db, 'PARTNER'),
    ]) {
      const res = await download(`/reports/themes/${theme11}.csv`, token);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(/coordinators only/);
    }
  });

  it('answers 404 for an unknown theme and 400 for a malformed id, in plain text with nothing internal', async () => {
    const unknown = await download('/reports/themes/00000000-0000-4000-8000-000000000000.csv', coordinator);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await unknown.text()).toBe('No theme with this id.\n');
    const malformed = await download('/reports/themes/tema-11.csv', coordinator);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await malformed.text();
    expect(text).toMatch(/not name a theme id.*UUID/);
    expect(text).not.toMatch(/uuid|SELECT|at .*\.ts/);
  });

  it('goes through the rate limiter of /feeds', async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: '' } });
    try {
      const { token } = await issueToken(limited.db, 'COORDINATOR');
      const id = await themeId(limited.db, 11);
      const get = () =>
        fetch(`${limited.url}/reports/themes/${id}.csv`, { headers: { authorization: `Bearer ${token}` } });
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-limit')).toBe('2');
      expect((await get()).status).toBe(200);
      const third = await get();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      // /feeds counts against the same budget.
      expect((await fetch(`${limited.url}/feeds/themes/vores-natur.ics`)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

/** A small RFC 4180 reader, independent of the server's writer. */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
