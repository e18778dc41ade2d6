// What the faces' browser tests share: Debian's Chromium through playwright-core, a build of a
// face when needed, axe-core injected into a page, and screenshots under test-artifacts/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium).`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * Builds a face (clients/<name>) the way `npm run build:clients` does. `always` rebuilds even when
 * dist/ exists, so that the test sees the current source (cheap for the embed and the dashboard).
 */
export function buildFace(
  name: 'embed' | 'dashboard' | 'explorer',
  marker: string,
  options: { always?: boolean } = {},
): void {
  if (!options.always && existsSync(path.resolve('clients', name, 'dist', marker))) return;
  execFileSync('npm', ['run', 'build', '--silent', '-w', `clients/${name}`], { stdio: 'pipe' });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page (open shadow roots included). */
export async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which a page's Content-Security-Policy does not block.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Saves full-page screenshots at 375 px and 1280 px wide as test-artifacts/<name>-<width>.png. */
export async function screenshots(page: Page, name: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  const dir = path.resolve('test-artifacts');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await ready(page);
    const file = path.join(dir, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  return files;
}

/** Whether the page is wider than its viewport (content that forces sideways scrolling). */
export async function overflowsViewport(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
