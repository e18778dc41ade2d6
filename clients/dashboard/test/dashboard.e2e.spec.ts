// The coordinator dashboard in Debian's Chromium against the real server with the demo season:
// the token, a theme's figures next to themeReport's, the map, the follow-up lists and CSV.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken } from '../../../server/test/support/tokens.js';
import {
  buildFace,
  launchBrowser,
  overflowsViewport,
  screenshots,
  wcagViolations,
} from '../../embed/test/support/browser.js';

let server: TestServer;
let browser: Browser;
let coordinatorToken: string;

beforeAll(async () => {
  buildFace('dashboard', 'index.html', { always: true });
  server = await startTestServer();
  coordinatorToken = (await issueToken(server.db, 'COORDINATOR', { name: 'Dashboard-test' })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDashboard(width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'da-DK', acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(`${server.url}/dashboard/`);
  return { page, errors };
}

async function logIn(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await page.click('#login-form button[type="submit"]');
}

async function chooseTheme(page: Page, slug: string, id: string): Promise<void> {
  await page.waitForSelector('#app[data-state="ready"]');
  await page.selectOption('#theme', id);
  await page.waitForSelector(`#app[data-state="ready"][data-theme="${slug}"]`);
}

/** A table's rows as { key: [cells] }, numbers as numbers. */
const tableRows = (page: Page, id: string) =>
  page.$$eval(`#${id} tbody tr`, (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        (tr as HTMLElement).dataset.key!,
        Array.from(tr.querySelectorAll('th, td')).map((c) =>
          (c as HTMLElement).dataset.value !== undefined ? Number((c as HTMLElement).dataset.value) : c.textContent,
        ),
      ]),
    ),
  );

/** What REPORT selects. */
interface Report {
  registeredLibraries: number;
  municipalitiesCovered: number;
  municipalitiesTotal: number;
  activitiesTotal: number;
  activitiesCancelled: number;
  attendanceTotal: number;
  csv: string;
  coverageByRegion: Record<string, number | string>[];
  municipalitiesWithoutRegistration: { code: number }[];
  librariesWithoutActivities: { id: string; name: string }[];
  activitiesByAudience: { key: string; count: number }[];
  activitiesByFormat: { key: string; count: number }[];
  activitiesByChannel: { key: string; count: number }[];
  activitiesByWeek: { isoYear: number; isoWeek: number; count: number }[];
}

const REPORT = `query ($themeId: ID!) { themeReport(themeId: $themeId) {
  registeredLibraries municipalitiesCovered municipalitiesTotal activitiesTotal activitiesCancelled attendanceTotal csv
  coverageByRegion { region registeredLibraries municipalitiesCovered municipalitiesTotal activities }
  municipalitiesWithoutRegistration { code }
  librariesWithoutActivities { id name }
  activitiesByAudience { key count } activitiesByFormat { key count } activitiesByChannel { key count }
  activitiesByWeek { isoYear isoWeek count }
} }`;

describe('coordinator dashboard', () => {
  it('is served with a content security policy and no token in the page', async () => {
    const res = await fetch(`${server.url}/dashboard/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('Koordinatorernes overblik');
    expect((await fetch(`${server.url}/dashboard`, { redirect: 'manual' })).status).toBe(301);
  });

  it('turns away a wrong token and a token that is not a coordinator’s, with a clear message', async () => {
    const { page, errors } = await openDashboard();
    await logIn(page, 'th_forkert-token-der-ikke-findes');
    await page.waitForSelector('#login-message.error');
    expect(await page.textContent('#login-message')).toBe(
      'Tokenet blev ikke genkendt. Tjek at du har kopieret hele tokenet, og at det ikke er tilbagekaldt.',
    );
    expect(await page.isHidden('#app')).toBe(true);
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);

    const partner = (await issueToken(server.db, 'PARTNER', { name: 'DR' })).token;
    await logIn(page, partner);
    await page.waitForFunction(() =>
      document.querySelector('#login-message')?.textContent?.startsWith('Tokenet tilhører ikke en koordinator'),
    );
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a theme’s figures exactly as themeReport gives them, keeps the token in sessionStorage only, and downloads CSV', async () => {
    const { theme } = await server.ok<{ theme: { id: string } }>(`{ theme(slug: "vores-natur") { id } }`);
    const { themeReport: report } = await server.ok<{
      themeReport: Report;
    }>(REPORT, { themeId: theme.id }, { token: coordinatorToken });

    const { page, errors } = await openDashboard();
    await logIn(page, coordinatorToken);
    await chooseTheme(page, 'vores-natur', theme.id);

    // The token: in this tab's sessionStorage, never in the address or localStorage.
    expect(
      await page.evaluate(() => [sessionStorage.getItem('temahub.coordinatorToken'), localStorage.length]),
    ).toEqual([coordinatorToken, 0]);
    expect(page.url()).not.toContain(coordinatorToken);

    const figures = await page.$$eval('#figures dd', (dds) =>
      Object.fromEntries(
        dds.map((dd) => [(dd as HTMLElement).dataset.key!, Number((dd as HTMLElement).dataset.value)]),
      ),
    );
    expect(figures).toEqual({
      registeredLibraries: report.registeredLibraries,
      municipalitiesCovered: report.municipalitiesCovered,
      activitiesTotal: report.activitiesTotal,
      activitiesCancelled: report.activitiesCancelled,
      attendanceTotal: report.attendanceTotal,
    });
    expect(await page.textContent('#figures dd[data-key="municipalitiesCovered"]')).toBe(
      `${report.municipalitiesCovered} af ${report.municipalitiesTotal}`,
    );

    const weeks = await tableRows(page, 'weeks-table');
    expect(Object.fromEntries(Object.entries(weeks).map(([k, v]) => [k, v[1]]))).toEqual(
      Object.fromEntries(
        report.activitiesByWeek.map((w: { isoYear: number; isoWeek: number; count: number }) => [
          `${w.isoYear}-${w.isoWeek}`,
          w.count,
        ]),
      ),
    );
    for (const [table, counts] of [
      ['audience-table', report.activitiesByAudience],
      ['format-table', report.activitiesByFormat],
      ['channel-table', report.activitiesByChannel],
    ] as const) {
      const rows = await tableRows(page, table);
      expect(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v[1]]))).toEqual(
        Object.fromEntries((counts as { key: string; count: number }[]).map((c) => [c.key, c.count])),
      );
    }
    const regions = await tableRows(page, 'regions-table');
    expect(Object.fromEntries(Object.entries(regions).map(([k, v]) => [k, v.slice(1)]))).toEqual(
      Object.fromEntries(
        report.coverageByRegion.map((r: Record<string, number | string>) => [
          r.region,
          [r.registeredLibraries, r.municipalitiesCovered, r.municipalitiesTotal, r.activities],
        ]),
      ),
    );

    // The map: 98 municipalities; covered ones are those the report does not list as uncovered,
    // and the activities per municipality add up to the report's total.
    expect(await page.$$eval('#map circle', (c) => c.length)).toBe(report.municipalitiesTotal);
    const municipalities = await tableRows(page, 'municipality-table');
    expect(Object.keys(municipalities)).toHaveLength(report.municipalitiesTotal);
    const uncovered = new Set(report.municipalitiesWithoutRegistration.map((m: { code: number }) => String(m.code)));
    for (const [code, cells] of Object.entries(municipalities))
      expect(cells[1]).toBe(uncovered.has(code) ? 'Nej' : 'Ja');
    expect(Object.values(municipalities).reduce((sum, cells) => sum + (cells[2] as number), 0)).toBe(
      report.activitiesTotal,
    );

    // Registrations over time end at the number of registered libraries.
    const registrations = Object.values(await tableRows(page, 'registrations-table'));
    expect(registrations.at(-1)![1]).toBe(report.registeredLibraries);

    // Attendance: reported and missing add up to the published activities that have ended.
    const attendance = await page.$eval('#attendance-summary', (p) => [
      Number((p as HTMLElement).dataset.reported),
      Number((p as HTMLElement).dataset.missing),
    ]);
    const published = await server.ok<{ activities: { totalCount: number } }>(
      `{ activities(filter: { themeSlug: "vores-natur", statuses: [PUBLISHED], to: "${new Date().toISOString()}" }) { totalCount } }`,
    );
    expect(attendance[0]! + attendance[1]!).toBeLessThanOrEqual(published.activities.totalCount);
    expect(attendance[0]).toBeGreaterThan(0);

    // Follow-up: registered libraries without activities, each with its contact person.
    const followUp = await tableRows(page, 'without-activities-table');
    expect(Object.keys(followUp).sort()).toEqual(
      report.librariesWithoutActivities.map((l: { id: string }) => l.id).sort(),
    );
    for (const cells of Object.values(followUp)) expect(cells[2]).toBeTruthy();
    const notRegistered = await tableRows(page, 'not-registered-table');
    const libraries = await server.ok<{ libraries: { totalCount: number } }>(
      `{ libraries(first: 100) { totalCount } }`,
    );
    expect(Object.keys(notRegistered)).toHaveLength(libraries.libraries.totalCount - report.registeredLibraries);

    // CSV: the theme report as the API writes it, and the follow-up list.
    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv')]);
    expect(reportDownload.suggestedFilename()).toBe('temarapport-tema-11-vores-natur.csv');
    expect(readFileSync((await reportDownload.path())!, 'utf8')).toBe(report.csv);
    const [listDownload] = await Promise.all([page.waitForEvent('download'), page.click('#without-activities-csv')]);
    const list = readFileSync((await listDownload.path())!, 'utf8');
    expect(list.startsWith('\uFEFFBibliotek,ISIL,Kommune,Kontaktperson,E-mail,Tilmeldt\r\n')).toBe(true);
    expect(list.trimEnd().split('\r\n')).toHaveLength(report.librariesWithoutActivities.length + 1);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('compares sign-ups with the previous theme', async () => {
    const { themes } = await server.ok<{ themes: { edges: { node: { id: string; number: number; slug: string } }[] } }>(
      `{ themes(first: 100) { edges { node { id number slug } } } }`,
      {},
      { token: coordinatorToken },
    );
    const byNumber = (n: number) => {
      const theme = themes.edges.map((e) => e.node).find((t) => t.number === n);
      if (!theme) throw new Error(`no theme ${n}`);
      return theme;
    };
    const report = async (n: number) =>
      (
        await server.ok<{ themeReport: { registeredLibraries: number } }>(
          `query ($id: ID!) { themeReport(themeId: $id) { registeredLibraries } }`,
          { id: byNumber(n).id },
          { token: coordinatorToken },
        )
      ).themeReport.registeredLibraries;
    const { page, errors } = await openDashboard();
    await logIn(page, coordinatorToken);
    await chooseTheme(page, byNumber(12).slug, byNumber(12).id);
    expect(await page.$$eval('#registrations-table thead th', (ths) => ths.map((th) => th.textContent))).toEqual([
      'Uge',
      'Tema 12',
      'Tema 11',
    ]);
    const rows = Object.values(await tableRows(page, 'registrations-table'));
    expect(rows.at(-1)!.slice(1)).toEqual([await report(12), await report(11)]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no WCAG 2.1 AA violations, fits 320 px, and saves screenshots at 375 and 1280 px', async () => {
    const { page, errors } = await openDashboard(320);
    expect(await wcagViolations(page)).toEqual([]);
    await logIn(page, coordinatorToken);
    await page.waitForSelector('#app[data-state="ready"]');
    await page.selectOption('#theme', { label: 'Tema 11: Vores natur (2020)' });
    await page.waitForSelector('#app[data-state="ready"][data-theme="vores-natur"]');
    expect(await overflowsViewport(page)).toBe(false);
    expect(await wcagViolations(page)).toEqual([]);
    const files = await screenshots(page, 'dashboard', async (p) => {
      await p.waitForSelector('#app[data-state="ready"]');
      await p.waitForTimeout(200);
    });
    expect(files).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
