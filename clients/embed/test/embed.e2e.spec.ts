// The partner embed in Debian's Chromium: a static partner page on another origin loads
// /embed/v1/temahub.js from the real server (demo season) and shows the activities.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { insertActivity, registeredLibraries, themeId, THEME_11_SLUG } from '../../../server/test/support/fixtures.js';
import { buildFace, launchBrowser, overflowsViewport, screenshots, wcagViolations } from './support/browser.js';

let server: TestServer;
let partner: http.Server;
let partnerUrl: string;
let browser: Browser;

/** The partner's page: any body HTML, with the two lines a partner pastes. */
function partnerPage(body: string, lang = 'da'): string {
  return `${partnerUrl}/?${new URLSearchParams({ body, lang })}`;
}

beforeAll(async () => {
  buildFace('embed', 'temahub.js', { always: true });
  server = await startTestServer();
  partner = http.createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://partner').searchParams;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html>
<html lang="${query.get('lang') ?? 'da'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partnerside</title>
<script type="module" src="${server.url}/embed/v1/temahub.js"></script>
<style>body { margin: 0; padding: 12px; font-family: Georgia, serif; } temahub-activities { --temahub-radius: 2px; }</style>
</head><body><main><h1>Naturen hos os</h1>${query.get('body') ?? ''}</main></body></html>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (partner ? partner.close(() => resolve()) : resolve()));
  await server?.stop();
});

/** A new page that records script errors and console errors other than failed network loads. */
async function openPage(width = 1000): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width, height: 900 },
    locale: 'da-DK',
    timezoneId: 'America/New_York',
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  return { page, errors };
}

const cards = (page: Page) =>
  page.$$eval('temahub-activities article', (items) =>
    items.map((a) => ({
      id: (a as HTMLElement).dataset.id!,
      municipality: (a as HTMLElement).dataset.municipality!,
      status: (a as HTMLElement).dataset.status!,
      title: a.querySelector('h3')!.textContent!,
      when: a.querySelector('.when')!.textContent!,
      datetime: a.querySelector('time')!.getAttribute('datetime')!,
      text: a.textContent!,
    })),
  );

/** Clicks "Vis flere" (or "Show more") until it is gone; returns every card shown. */
async function pageToTheEnd(page: Page, more: string) {
  for (let clicks = 0; clicks < 100; clicks++) {
    const button = page.locator('temahub-activities button.more');
    if (!(await button.isVisible())) break;
    const before = (await cards(page)).length;
    await button.click();
    await page.waitForFunction(
      (n) => document.querySelector('temahub-activities')!.shadowRoot!.querySelectorAll('article').length > n,
      before,
    );
    expect(await button.textContent()).toBe(more);
  }
  return cards(page);
}

/** Ids of every activity of a filter, straight from the API (the oracle). */
async function allIds(filter: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await server.ok(
      `query ($filter: ActivityFilter, $after: String) { activities(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
      { filter, after },
    );
    ids.push(...data.activities.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!data.activities.pageInfo.hasNextPage) return ids;
    after = data.activities.pageInfo.endCursor;
  }
}

const DANISH_WHEN =
  /^(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) 2020 kl\. \d{2}\.\d{2}–\d{2}\.\d{2}$/;

describe('the embed script', () => {
  it('is served with CORS, long-lived caching, an ETag and gzip, under 30 kB gzipped', async () => {
    const res = await fetch(`${server.url}/embed/v1/temahub.js`, {
      headers: { 'accept-encoding': 'gzip', origin: 'https://museum.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400, stale-while-revalidate=604800');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = await res.text();
    expect(body).toContain('temahub-activities');
    // fetch unzips; ask again without decoding to weigh what travels.
    const raw = await new Promise<Buffer>((resolve, reject) =>
      http.get(`${server.url}/embed/v1/temahub.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => resolve(Buffer.concat(chunks)))
          .on('error', reject);
      }),
    );
    expect(gunzipSync(raw).toString()).toBe(body);
    console.info(`embed: ${Buffer.byteLength(body)} bytes, ${raw.length} bytes gzipped`);
    expect(raw.length).toBeLessThan(30 * 1024);
    const again = await fetch(`${server.url}/embed/v1/temahub.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('<temahub-activities> on a partner page', () => {
  it('shows one municipality in Danish and pages with "Vis flere" to the end without duplicates', async () => {
    const expected = await allIds({ themeSlug: THEME_11_SLUG, municipalityCode: 851 });
    expect(expected.length).toBeGreaterThan(2);
    const { page, errors } = await openPage();
    await page.goto(
      partnerPage(`<temahub-activities theme="${THEME_11_SLUG}" municipality="851" limit="2"></temahub-activities>`),
    );
    await page.waitForSelector('temahub-activities article');
    expect(await page.textContent('temahub-activities h2')).toBe('Arrangementer: Vores natur');
    const first = await cards(page);
    expect(first).toHaveLength(2);
    expect(await page.textContent('temahub-activities .status')).toBe(`Viser 2 af ${expected.length} arrangementer`);

    const all = await pageToTheEnd(page, 'Vis flere');
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(all.every((c) => c.municipality === '851')).toBe(true);
    expect(await page.textContent('temahub-activities .status')).toBe(
      `Viser ${expected.length} af ${expected.length} arrangementer`,
    );
    // After "Vis flere" the keyboard focus is on the first new activity.
    expect(
      await page.evaluate(() => document.querySelector('temahub-activities')!.shadowRoot!.activeElement?.tagName),
    ).toBe('ARTICLE');

    // Danish dates in Copenhagen time, though the browser runs in New York.
    for (const card of all) {
      expect(card.when).toMatch(DANISH_WHEN);
      const hour = new Intl.DateTimeFormat('da-DK', {
        timeZone: 'Europe/Copenhagen',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(card.datetime));
      expect(card.when).toContain(`kl. ${hour}.`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pages through a whole theme in steps of 50 and shows every activity once', async () => {
    const expected = await allIds({ themeSlug: THEME_11_SLUG });
    const { page, errors } = await openPage();
    await page.goto(partnerPage(`<temahub-activities theme="${THEME_11_SLUG}" limit="50"></temahub-activities>`));
    await page.waitForSelector('temahub-activities article');
    const ids = (await pageToTheEnd(page, 'Vis flere')).map((c) => c.id);
    expect(ids).toEqual(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks a cancelled activity as cancelled with its reason', async () => {
    const data = await server.ok<{
      activities: {
        edges: {
          node: {
            id: string;
            title: string;
            cancellationReason: string | null;
            library: { municipality: { code: number } };
          };
        }[];
      };
    }>(
      `{ activities(filter: { themeSlug: "${THEME_11_SLUG}", statuses: [CANCELLED] }, first: 1) { edges { node { id title cancellationReason library { municipality { code } } } } } }`,
    );
    const cancelled = data.activities.edges[0].node;
    expect(cancelled.cancellationReason).toBeTruthy();
    const { page } = await openPage();
    await page.goto(
      partnerPage(
        `<temahub-activities theme="${THEME_11_SLUG}" municipality="${cancelled.library.municipality.code}" limit="100"></temahub-activities>`,
      ),
    );
    await page.waitForSelector(`temahub-activities article[data-id="${cancelled.id}"]`);
    const card = (await cards(page)).find((c) => c.id === cancelled.id)!;
    expect(card.status).toBe('CANCELLED');
    expect(card.title).toBe(`Aflyst ${cancelled.title}`);
    expect(await page.textContent(`temahub-activities article[data-id="${cancelled.id}"] .badge`)).toBe('Aflyst');
    expect(await page.textContent(`temahub-activities article[data-id="${cancelled.id}"] .reason`)).toBe(
      `Aflyst: ${cancelled.cancellationReason}`,
    );
    // Cancelled activities offer no sign-up; published ones with a sign-up link do.
    expect(await page.$(`temahub-activities article[data-id="${cancelled.id}"] a`)).toBeNull();
    await page.close();
  });

  it('speaks English with lang="en"', async () => {
    const { page, errors } = await openPage();
    await page.goto(
      partnerPage(
        `<temahub-activities lang="en" theme="${THEME_11_SLUG}" audience="CHILDREN" limit="3"></temahub-activities>`,
        'da',
      ),
    );
    await page.waitForSelector('temahub-activities article');
    expect(await page.textContent('temahub-activities h2')).toBe('Activities: Vores natur');
    expect(await page.getAttribute('temahub-activities section', 'lang')).toBe('en');
    expect(await page.textContent('temahub-activities button.more')).toBe('Show more');
    expect(await page.textContent('temahub-activities .status')).toMatch(/^Showing 3 of \d+ activities$/);
    for (const card of await cards(page)) {
      expect(card.when).toMatch(
        /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} (March|April|May) 2020, \d{2}:\d{2}–\d{2}:\d{2}$/,
      );
      expect(card.text).toContain('Children');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so in the page language when the API is down or slow, and recovers with "Prøv igen"', async () => {
    const { page, errors } = await openPage();
    await page.route(`${server.graphqlUrl}`, (route) => route.abort('connectionrefused'));
    await page.goto(partnerPage(`<temahub-activities theme="${THEME_11_SLUG}" limit="2"></temahub-activities>`));
    await page.waitForSelector('temahub-activities [role="alert"]');
    expect(await page.textContent('temahub-activities [role="alert"] p')).toBe(
      'Arrangementerne kan ikke hentes lige nu. Prøv igen om lidt.',
    );

    // Slow: after three seconds the loading line says so; then the list arrives.
    await page.unroute(`${server.graphqlUrl}`);
    await page.route(`${server.graphqlUrl}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await route.continue();
    });
    await page.click('temahub-activities [role="alert"] button');
    await page.waitForFunction(() =>
      document
        .querySelector('temahub-activities')!
        .shadowRoot!.querySelector('.status')
        ?.textContent?.startsWith('Det tager længere tid'),
    );
    await page.waitForSelector('temahub-activities article', { timeout: 20_000 });
    expect(errors).toEqual([]);

    // An English page gets the English message.
    const english = await openPage();
    await english.page.route(`${server.graphqlUrl}`, (route) => route.abort('connectionrefused'));
    await english.page.goto(partnerPage(`<temahub-activities theme="${THEME_11_SLUG}"></temahub-activities>`, 'en'));
    await english.page.waitForSelector('temahub-activities [role="alert"]');
    expect(await english.page.textContent('temahub-activities [role="alert"] p')).toBe(
      'The activities cannot be loaded right now. Please try again in a moment.',
    );
    expect(english.errors).toEqual([]);
    await page.close();
    await english.page.close();
  });

  it('filters by audience, week and municipality with show-filters', async () => {
    const { page, errors } = await openPage();
    await page.goto(
      partnerPage(`<temahub-activities theme="${THEME_11_SLUG}" show-filters limit="100"></temahub-activities>`),
    );
    await page.waitForSelector('temahub-activities article');
    expect(await page.$$eval('temahub-activities select[name="municipality"] option', (o) => o.length)).toBe(99);
    expect(
      await page.$$eval('temahub-activities select[name="week"] option', (o) => o.map((x) => x.textContent)),
    ).toEqual(['Alle', 'Uge 16', 'Uge 17', 'Uge 18', 'Uge 19', 'Uge 20']);
    await page.selectOption('temahub-activities select[name="week"]', '2020-17');
    await page.waitForFunction(
      () =>
        document.querySelector('temahub-activities')!.shadowRoot!.querySelector('select[name="week"]') &&
        (
          document
            .querySelector('temahub-activities')!
            .shadowRoot!.querySelector('select[name="week"]') as HTMLSelectElement
        ).value === '2020-17' &&
        document.querySelector('temahub-activities')!.shadowRoot!.querySelector('article'),
    );
    const week17 = await allIds({
      themeSlug: THEME_11_SLUG,
      from: '2020-04-20T00:00:00+02:00',
      to: '2020-04-27T00:00:00+02:00',
    });
    expect((await cards(page)).map((c) => c.id)).toEqual(week17.slice(0, 100));
    await page.selectOption('temahub-activities select[name="audience"]', 'CHILDREN');
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('temahub-activities')!
            .shadowRoot!.querySelector('select[name="audience"]') as HTMLSelectElement
        )?.value === 'CHILDREN' &&
        document.querySelector('temahub-activities')!.shadowRoot!.querySelector('article, .status'),
    );
    await page.waitForSelector('temahub-activities .status:not(:empty)');
    const children = await allIds({
      themeSlug: THEME_11_SLUG,
      audiences: ['CHILDREN'],
      from: '2020-04-20T00:00:00+02:00',
      to: '2020-04-27T00:00:00+02:00',
    });
    expect((await cards(page)).map((c) => c.id)).toEqual(children.slice(0, 100));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no WCAG 2.1 AA violations, fits 320 px, and saves screenshots at 375 and 1280 px', async () => {
    const { page, errors } = await openPage(320);
    await page.goto(
      partnerPage(`<temahub-activities theme="${THEME_11_SLUG}" show-filters limit="4"></temahub-activities>`),
    );
    await page.waitForSelector('temahub-activities article');
    expect(await overflowsViewport(page)).toBe(false);
    expect(await wcagViolations(page)).toEqual([]);
    const files = await screenshots(page, 'embed', async (p) => {
      await p.waitForSelector('temahub-activities article');
    });
    expect(files).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('<temahub-activity>', () => {
  it('shows one activity and puts its JSON-LD into the page, escaped so that it cannot end the script', async () => {
    const theme = await themeId(server.db, 11);
    const [library] = await registeredLibraries(server.db, theme, 1);
    const activity = await insertActivity(server.db, theme, library!);
    const hostile = 'Fugle </script><script>window.hacked = true</script> & <b>mere</b>';
    await server.db.query(`UPDATE activity SET title = $1 WHERE id = $2`, [hostile, activity.id]);
    const { activity: fromApi } = await server.ok<{ activity: { jsonLd: Record<string, unknown> } }>(
      `query ($id: ID!) { activity(id: $id) { jsonLd } }`,
      {
        id: activity.id,
      },
    );

    const { page, errors } = await openPage();
    await page.goto(partnerPage(`<temahub-activity activity-id="${activity.id}"></temahub-activity>`));
    await page.waitForSelector('temahub-activity article');
    expect(await page.textContent('temahub-activity h2')).toBe(hostile);
    const script = await page.waitForSelector('head script[type="application/ld+json"]', { state: 'attached' });
    const text = await script.textContent();
    expect(text).not.toContain('</script>');
    expect(text).not.toContain('<');
    expect(JSON.parse(text!)).toEqual(fromApi.jsonLd);
    // Serialised and parsed again as HTML (as a crawler that renders the page would), it is still one script.
    const reparsed = await page.evaluate(() => {
      const doc = new DOMParser().parseFromString(document.documentElement.outerHTML, 'text/html');
      return {
        scripts: doc.querySelectorAll('script[type="application/ld+json"]').length,
        json: doc.querySelector('script[type="application/ld+json"]')!.textContent,
      };
    });
    expect(reparsed.scripts).toBe(1);
    expect(JSON.parse(reparsed.json!)).toEqual(fromApi.jsonLd);
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});
