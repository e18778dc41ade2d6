// The self-hosted GraphiQL in Debian's Chromium: it loads from this server alone (every request
// to another host is refused and recorded), shows the schema's docs and the partner SDK's
// operations, has a header editor, and runs a query.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken } from '../../../server/test/support/tokens.js';
import { buildFace, launchBrowser, screenshots } from '../../embed/test/support/browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  buildFace('explorer', 'index.html');
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('GraphQL explorer', () => {
  it('loads offline from this server, with docs, the SDK operations preloaded and a header editor', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.host === new URL(server.url).host)
        return route.continue();
      elsewhere.push(url.href);
      return route.abort('internetdisconnected');
    });
    const response = await page.goto(`${server.url}/graphql`);
    expect(response!.headers()['content-type']).toContain('text/html');
    await page.waitForSelector('.graphiql-container');

    // The partner SDK's operations are there as tabs, after the welcome tab.
    const tabs = await page.$$eval('.graphiql-tab .graphiql-tab-button', (items) =>
      items.map((t) => t.textContent?.trim()),
    );
    for (const name of [
      'Viewer',
      'SearchActivities',
      'ActivityDetail',
      'ThemePage',
      'CurrentTheme',
      'Libraries',
      'Municipalities',
    ])
      expect(tabs).toContain(name);

    // A token goes into the header editor; the query runs against this server with it.
    const token = (await issueToken(server.db, 'COORDINATOR', { name: 'Explorer-test' })).token;
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(`{ "Authorization": "Bearer ${token}" `);
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.waitForFunction(
      () => document.querySelector('.result-window')?.textContent?.includes('COORDINATOR'),
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.textContent('.result-window')).toContain('Explorer-test');

    // The docs come from introspection of this server's schema.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.waitForSelector('.graphiql-doc-explorer');
    await page.getByRole('link', { name: 'Query' }).first().click();
    await page.waitForFunction(() =>
      document.querySelector('.graphiql-doc-explorer')?.textContent?.includes('currentTheme'),
    );

    await screenshots(page, 'explorer', async (p) => {
      await p.waitForSelector('.graphiql-container');
    });
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves /graphql to GraphQL clients: GET with a query and POST still answer JSON', async () => {
    const get = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ regions { code } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.headers.get('content-type')).toContain('application/json');
    expect(((await get.json()) as { data: { regions: unknown[] } }).data.regions).toHaveLength(5);
    const { regions } = await server.ok<{ regions: { code: number }[] }>('{ regions { code } }');
    expect(regions).toHaveLength(5);
    const preflight = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://museum.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is off with EXPLORER=false', async () => {
    const off = await startTestServer({ env: { EXPLORER: 'false' } });
    try {
      const res = await fetch(`${off.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await res.text()).not.toContain('/explorer/');
      expect((await fetch(`${off.url}/explorer/`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
