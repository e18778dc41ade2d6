// docs/partner-queries.md tells partners to put an activity's JSON-LD in
// `<script type="application/ld+json">`. A page built that way, in Debian's Chromium (headless),
// runs no script from an activity titled `</script><script>alert(1)</script>`, and search engines
// still read the title as it was written.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { activityInput, registeredLibraries, themeId } from '../../../server/test/support/fixtures.js';
import { issueToken } from '../../../server/test/support/tokens.js';
import { createClient } from '../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_TITLE = '</script><script>alert(1)</script>';

let server: TestServer;
let browser: Browser;
let activityId: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium).`);
  server = await startTestServer();
  const theme = await themeId(server.db, 11);
  const [library] = (await registeredLibraries(server.db, theme, 1)) as [string];
  const coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  const created = await server.ok<{ createActivity: { id: string } }>(
    `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
    { input: activityInput(theme, library, { title: HOSTILE_TITLE, description: 'A & B <b>fed</b> \u2028 linje' }) },
    { token: coordinator },
  );
  activityId = created.createActivity.id;
  await server.ok(`mutation($id: ID!) { publishActivity(id: $id) { id } }`, { id: activityId }, { token: coordinator });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
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
  await server?.stop();
});

/** A partner's event page with the JSON text in the script element, as the docs say. */
const partnerPage = (jsonLdText: string) =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Arrangement</title>
<script type="application/ld+json">${jsonLdText}</script>
</head><body><h1 id="heading">Arrangement</h1></body></html>`;

/** Loads the page and reports the dialogs scripts opened and what a JSON-LD reader finds. */
async function open(html: string) {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  const found = await page.evaluate(() => {
    const scripts = Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map(
      (s) => s.textContent ?? '',
    );
    let parsed: { name?: unknown; description?: unknown } | null = null;
    try {
      parsed = scripts.length === 1 ? JSON.parse(scripts[0]!) : null;
    } catch {
      parsed = null;
    }
    return {
      scripts: document.scripts.length,
      heading: document.getElementById('heading')?.textContent ?? null,
      name: parsed?.name,
      description: parsed?.description,
    };
  });
  await page.close();
  return { dialogs, ...found };
}

describe('Activity.jsonLdScript in a partner page', () => {
  it('runs no script and keeps the title for JSON-LD readers', async () => {
    const { activity } = await createClient({ url: server.graphqlUrl }).activityDetail({ id: activityId });
    expect(activity!.title).toBe(HOSTILE_TITLE);
    expect(activity!.jsonLdScript).not.toMatch(/[<>&]/);

    const result = await open(partnerPage(activity!.jsonLdScript));
    expect(result.dialogs).toEqual([]);
    expect(result.scripts).toBe(1);
    expect(result.heading).toBe('Arrangement');
    expect(result.name).toBe(HOSTILE_TITLE);
    expect(result.description).toBe('A & B <b>fed</b> \u2028 linje');
  });

  it('(the check can fail) the plain JSON of the same object would run the script', async () => {
    const { activity } = await createClient({ url: server.graphqlUrl }).activityDetail({ id: activityId });
    const result = await open(partnerPage(JSON.stringify(activity!.jsonLd)));
    expect(result.dialogs).toEqual(['1']);
  });
});
