import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Page, type Response } from '@playwright/test';
import type { Role } from './accounts';
import { outputDir, stateFile } from './paths';

// test is Playwright's test with the base URL of the server that global
// setup started (it is only known once the server has a port).
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is unset: run through playwright.config.ts, whose global setup starts the server');
    await use(url);
  },
});

export { expect };

// signedInAs makes every test in the file start with that demo user's
// session (set up once in global setup).
export function signedInAs(role: Role): void {
  test.use({ storageState: stateFile(role) });
}

// screenshot saves a flow's end state as test-output/e2e/<flow>.png.
// The page is scrolled to the top first: a full-page capture otherwise
// draws the sticky top bar wherever the page was scrolled to.
// fullPage: false keeps only the first screen (long lists on a phone make
// huge images that are slow to encode).
export async function screenshot(page: Page, flow: string, { fullPage = true } = {}): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${outputDir}/${flow}.png`, fullPage, animations: 'disabled' });
}

// expectNoHorizontalScroll fails when the page is wider than the viewport.
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    // Name the widest elements that stick out, to say what to fix.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(scrollWidth, `${where}: page scrolls sideways (scrollWidth ${scrollWidth} > clientWidth ${clientWidth}); wide: ${wide.join(', ')}`).toBeLessThanOrEqual(clientWidth);
}

// ApiResponses records the bodies of every /api/ response a page receives,
// so a test can prove what the browser was sent (not only what it shows).
export class ApiResponses {
  private readonly pending: Promise<{ url: string; body: string }>[] = [];

  constructor(page: Page) {
    page.on('response', (res: Response) => {
      if (!new URL(res.url()).pathname.startsWith('/api/')) return;
      this.pending.push(
        res.text().then(
          (body) => ({ url: res.url(), body }),
          () => ({ url: res.url(), body: '' }), // redirects and aborted requests have no body
        ),
      );
    });
  }

  async all(): Promise<{ url: string; body: string }[]> {
    return Promise.all(this.pending);
  }
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

// seriousViolations runs axe-core in the page (evaluated over the DevTools
// protocol, so the page's CSP does not stop it) and returns the serious and
// critical violations for WCAG 2.x A/AA and best practices.
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// describeViolations turns violations into a readable failure message.
export function describeViolations(vs: AxeViolation[]): string {
  return vs
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}
