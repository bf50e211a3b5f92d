import type { Page } from '@playwright/test';
import type { Role } from './accounts';
import { describeViolations, expect, screenshot, seriousViolations, signedInAs, test } from './fixtures';
import { firstTicketId, settled } from './helpers';

// axe-core finds no serious or critical violations on the main pages, in
// the light and the dark theme (the app follows prefers-color-scheme).

interface MainPage {
  name: string;
  // path is the page's URL, or a function that finds one with the API.
  path: string | ((page: Page) => Promise<string>);
  heading: string | RegExp;
}

const pages: Record<Role | 'visitor', MainPage[]> = {
  visitor: [
    { name: 'login', path: '/login', heading: 'Sign in' },
    { name: 'register', path: '/register', heading: 'Create an account' },
    { name: 'unsubscribe', path: '/unsubscribe?token=e2e-not-a-real-token', heading: 'Unsubscribe from these emails' },
  ],
  customer: [
    { name: 'portal list', path: '/portal', heading: 'My tickets' },
    { name: 'portal new ticket', path: '/portal/tickets/new', heading: 'New ticket' },
    { name: 'portal ticket', path: async (page) => `/portal/tickets/${await firstTicketId(page)}`, heading: /.+/ },
  ],
  agent: [
    { name: 'agent list', path: '/tickets', heading: /.+/ },
    // A search with facets and snippets: "kindly" is in about half the seeded tickets.
    { name: 'agent search', path: '/tickets?q=kindly', heading: 'Search results' },
    { name: 'agent ticket', path: async (page) => `/tickets/${await firstTicketId(page)}`, heading: /.+/ },
    { name: 'email preferences', path: '/account/notifications', heading: 'Your account' },
  ],
  admin: [
    { name: 'admin users', path: '/admin/users', heading: /.+/ },
    { name: 'admin audit', path: '/admin/audit', heading: /.+/ },
    { name: 'admin jobs', path: '/admin/jobs', heading: 'Jobs' },
  ],
};

for (const [who, list] of Object.entries(pages)) {
  test.describe(`as ${who}`, () => {
    if (who !== 'visitor') signedInAs(who as Role);

    for (const p of list) {
      test(`axe: ${p.name}, light and dark`, async ({ page }) => {
        const path = typeof p.path === 'string' ? p.path : await p.path(page);
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(path);
        await settled(page, p.heading);
        // The theme follows prefers-color-scheme live: no reload needed.
        const backgrounds: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
          const found = await seriousViolations(page);
          expect.soft(found, `${p.name} (${scheme}) ${path}:\n${describeViolations(found)}`).toEqual([]);
          await screenshot(page, `a11y-${p.name.replace(/\s+/g, '-')}-${scheme}`);
        }
        expect(backgrounds[1], 'the dark theme applies').not.toBe(backgrounds[0]);
      });
    }
  });
}
