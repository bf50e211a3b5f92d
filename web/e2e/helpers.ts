import { expect, type Page } from '@playwright/test';

// settled waits until a page has its heading and no loading spinner, so
// a screenshot or an accessibility scan sees the finished page.
export async function settled(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.state-loading')).toHaveCount(0);
}

// signInThroughForm uses the login page, as a person would.
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// unique makes names and texts no other test (or seeded ticket) uses.
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

// idFromUrl reads the ticket number at the end of a /…/tickets/:id URL.
export function idFromUrl(url: string): number {
  const m = /\/tickets\/(\d+)(?:[?#].*)?$/.exec(url);
  if (!m?.[1]) throw new Error(`no ticket id in ${url}`);
  return Number(m[1]);
}

// firstTicketId asks the API (with the page's cookies) for a ticket the
// signed-in user can see, newest first.
export async function firstTicketId(page: Page, query = ''): Promise<number> {
  const res = await page.request.get(`/api/v1/tickets?limit=1${query}`);
  expect(res.ok(), `GET /api/v1/tickets: ${res.status()}`).toBe(true);
  const body = (await res.json()) as { items: { id: number }[] };
  const id = body.items[0]?.id;
  if (!id) throw new Error('no ticket visible to this user');
  return id;
}
