// The example partner page, built with Vite and driven through Debian's Chromium (headless)
// against the real server: theme, activities, municipality and audience filters, paging.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';

const CHROMIUM = '/usr/bin/chromium';
const exampleConfig = path.resolve('clients/partner-site/example/vite.config.ts');
const screenshot = path.resolve('test-artifacts/partner-page.png');

let server: TestServer;
let site: PreviewServer;
let browser: Browser;
let outDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium).`);
  server = await startTestServer();
  outDir = mkdtempSync(path.join(tmpdir(), 'temahub-example-'));
  await build({ configFile: exampleConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  site = await preview({
    configFile: exampleConfig,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (site ? site.httpServer.close(() => resolve()) : resolve()));
  await server?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function pageUrl(query: Record<string, string>): string {
  const base = site.resolvedUrls!.local[0]!;
  return `${base}?${new URLSearchParams({ api: server.graphqlUrl, ...query })}`;
}

/** Waits until the page has shown the list for the given filters and page. */
async function ready(
  page: Page,
  expected: { municipality?: string; audience?: string; page?: number } = {},
): Promise<void> {
  const selector = [
    'main[data-state="ready"]',
    `[data-municipality="${expected.municipality ?? ''}"]`,
    `[data-audience="${expected.audience ?? ''}"]`,
    `[data-page="${expected.page ?? 1}"]`,
  ].join('');
  await page.waitForSelector(selector, { timeout: 30_000 });
}

const shown = (page: Page) =>
  page.$$eval('[data-testid="activity"]', (items) =>
    items.map((li) => ({
      title: li.querySelector('h2')!.textContent!,
      municipality: (li as HTMLElement).dataset.municipality!,
      audiences: (li as HTMLElement).dataset.audiences!.split(' '),
    })),
  );

describe('example partner page', () => {
  it('shows "Vores natur", filters by municipality and audience, pages, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 }, locale: 'da-DK' });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(pageUrl({ theme: 'vores-natur' }));
    await ready(page);
    expect(await page.textContent('#theme-title')).toBe('Vores natur');
    expect(await page.textContent('#theme-dates')).toBe('Tema 11: 13. april 2020 – 17. maj 2020');
    const firstPage = await shown(page);
    expect(firstPage).toHaveLength(10);
    const total = (
      await server.ok<{ activities: { totalCount: number } }>(
        `{ activities(filter: { themeSlug: "vores-natur" }) { totalCount } }`,
      )
    ).activities.totalCount as number;
    expect(await page.textContent('#status')).toBe(`${total} arrangementer`);

    // The municipality list comes from the API; choosing Aalborg narrows the list to Aalborg.
    expect(await page.$$eval('#municipality option', (options) => options.length)).toBe(99);
    await page.selectOption('#municipality', '851');
    await ready(page, { municipality: '851' });
    const aalborg = await shown(page);
    const aalborgTotal = (
      await server.ok<{ activities: { totalCount: number } }>(
        `{ activities(filter: { themeSlug: "vores-natur", municipalityCode: 851 }) { totalCount } }`,
      )
    ).activities.totalCount as number;
    expect(aalborgTotal).toBeGreaterThan(0);
    expect(aalborg.length).toBe(Math.min(10, aalborgTotal));
    expect(aalborg.every((a) => a.municipality === '851')).toBe(true);
    expect(await page.textContent('#status')).toBe(
      aalborgTotal === 1 ? '1 arrangement' : `${aalborgTotal} arrangementer`,
    );

    // Back to the whole country, children only.
    await page.selectOption('#municipality', '');
    await page.selectOption('#audience', 'CHILDREN');
    await ready(page, { audience: 'CHILDREN' });
    const children = await shown(page);
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((a) => a.audiences.includes('CHILDREN'))).toBe(true);

    // Paging: "Næste side" shows the next ten, "Forrige side" the first ten again.
    await page.selectOption('#audience', '');
    await ready(page);
    await page.click('text=Næste side');
    await ready(page, { page: 2 });
    const secondPage = await shown(page);
    expect(secondPage).toHaveLength(10);
    expect(secondPage.map((a) => a.title)).not.toEqual(firstPage.map((a) => a.title));
    expect(await page.textContent('#page-number')).toBe(`Side 2 af ${Math.ceil(total / 10)}`);
    await page.click('text=Forrige side');
    await ready(page, { page: 1 });
    expect(await shown(page)).toEqual(firstPage);

    await page.selectOption('#municipality', '851');
    await ready(page, { municipality: '851' });
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('shows the current theme by default', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl({}));
    await ready(page);
    const { currentTheme } = await server.ok<{ currentTheme: { title: string } }>('{ currentTheme { title } }');
    expect(await page.textContent('#theme-title')).toBe(currentTheme.title);
    const count = await page.$$eval('[data-testid="activity"]', (items) => items.length);
    expect(count).toBeGreaterThan(0);
    await page.close();
  });

  it('says so when the theme does not exist', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl({ theme: 'findes-ikke' }));
    await page.waitForSelector('main[data-state="error"]');
    expect(await page.textContent('#status')).toBe('Temaet "findes-ikke" findes ikke.');
    await page.close();
  });
});
