import { request, type APIRequestContext } from '@playwright/test';
import { expect, screenshot, signedInAs, test } from './fixtures';
import { settled, unique } from './helpers';
import { stateFile } from './paths';

// Flow 8: search and saved views against the real server. Two tickets a
// customer opens share a word no seeded ticket has; the agent finds them,
// sees the word highlighted, narrows with a facet, saves that as a view
// and finds the view (with its count) after a reload. Flow 9: the
// customer's searches never find, rank or quote an internal note.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const word = `zephyrine${stamp}`;
const secret = `quokkanote${stamp}`;
const viewName = unique('Pending zephyrine');
const first = unique('Scanner jams on every page');
const second = unique('Scanner skips pages');
let ids: number[] = [];

// apiAs calls the API with a demo user's session, as another browser would.
async function apiAs<T>(role: 'agent' | 'customer', baseURL: string | undefined, fn: (api: APIRequestContext) => Promise<T>): Promise<T> {
  if (!baseURL) throw new Error('no base URL');
  const api = await request.newContext({ baseURL, storageState: stateFile(role) });
  try {
    return await fn(api);
  } finally {
    await api.dispose();
  }
}

async function send(api: APIRequestContext, method: 'POST' | 'PATCH', path: string, data: unknown): Promise<{ id: number }> {
  const res = await api.fetch(path, { method, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as { id: number };
}

test.describe('as the agent', () => {
  signedInAs('agent');

  test('8. an agent searches, refines with a facet, saves a view and opens it after a reload', async ({ baseURL, page }) => {
    const [a, b] = await apiAs('customer', baseURL, async (api) => [
      await send(api, 'POST', '/api/v1/tickets', { subject: first, body: `Our ${word} scanner jams on every second page since the update.` }),
      await send(api, 'POST', '/api/v1/tickets', { subject: second, body: `The ${word} scanner skips every other page when duplex is on.` }),
    ]);
    if (!a || !b) throw new Error('tickets not created');
    ids = [a.id, b.id];
    await apiAs('agent', baseURL, async (api) => {
      await send(api, 'PATCH', `/api/v1/tickets/${b.id}`, { status: 'pending' });
      await send(api, 'POST', `/api/v1/tickets/${a.id}/comments`, { body: `Vendor ${secret} confirmed a firmware bug; refund pending.`, internal: true });
    });

    await page.goto('/tickets');
    await settled(page, /.+/);

    // Search for the word: both tickets, the word marked in each snippet.
    const box = page.getByRole('searchbox', { name: 'Search tickets' });
    await box.fill(word);
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}(&|$)`));
    await settled(page, 'Search results');
    const table = page.getByRole('table', { name: /Tickets/ });
    await expect(table.getByRole('link', { name: first })).toBeVisible();
    await expect(table.getByRole('link', { name: second })).toBeVisible();
    const rowA = table.getByRole('row').filter({ has: page.getByRole('link', { name: first }) });
    await expect(rowA.locator('mark')).toHaveText(word);
    await expect(rowA.locator('.search-snippet')).toContainText('scanner jams on every second page');

    // A facet narrows the search: "Pending" adds status:pending.
    const facets = page.getByRole('region', { name: 'Refine the search' });
    await expect(facets.getByRole('button', { name: /^New 1 ticket/ })).toBeVisible();
    await facets.getByRole('button', { name: /^Pending 1 ticket/ }).click();
    await expect(page).toHaveURL(/q=zephyrine\w+\+status%3Apending/);
    await expect(box).toHaveValue(`${word} status:pending`);
    await expect(table.getByRole('link', { name: first })).toHaveCount(0);
    await expect(table.getByRole('link', { name: second })).toBeVisible();
    await expect(facets.getByRole('button', { name: /^Pending/ })).toHaveAttribute('aria-pressed', 'true');

    // Save it as a view.
    await page.getByRole('button', { name: 'Save view' }).click();
    const form = page.getByRole('region', { name: 'Save this search as a view' });
    await expect(form.getByLabel('Search')).toHaveValue(`${word} status:pending`);
    await form.getByLabel('Name').fill(viewName);
    await form.getByRole('checkbox', { name: 'Tags' }).check();
    await form.getByRole('button', { name: 'Save view' }).click();
    await expect(page).toHaveURL(/[?&]view=\d+/);
    await settled(page, viewName);
    const views = page.getByRole('navigation', { name: 'Views' });
    const saved = views.getByRole('link', { name: `${viewName} 1 ticket` });
    await expect(saved).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('columnheader', { name: 'Tags' })).toBeVisible();

    // After a reload, from another view, the saved view is still there.
    await page.reload();
    await settled(page, viewName);
    await views.getByRole('link', { name: /^All open/ }).click();
    await settled(page, 'All open');
    await expect(saved).not.toHaveAttribute('aria-current', 'page');
    await saved.click();
    await settled(page, viewName);
    await expect(saved).toHaveAttribute('aria-current', 'page');
    await expect(box).toHaveValue(`${word} status:pending`);
    await expect(table.getByRole('link', { name: second })).toBeVisible();
    await expect(table.getByRole('row').filter({ has: page.getByRole('link', { name: second }) }).locator('mark')).toHaveText(word);
    await screenshot(page, '8-search-facet-saved-view');

    // Staff see a match in an internal note, labelled as one.
    await page.goto('/tickets');
    await settled(page, /.+/);
    await box.fill(secret);
    await box.press('Enter');
    await settled(page, 'Search results');
    const noteRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: first }) });
    await expect(noteRow.getByText('Internal note', { exact: true })).toBeVisible();
    await expect(noteRow.locator('mark')).toHaveText(secret);

    // A query the server cannot read is explained in place.
    await box.fill(`${word} stauts:open`);
    await box.press('Enter');
    await expect(page.getByText(/Unknown field "stauts"/)).toBeVisible();
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.search-error-mark')).toHaveText('stauts:open');

    // The syntax help opens from the "?" shortcut help too, and runs examples.
    await page.getByRole('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Search syntax' }).click();
    const help = page.getByRole('region', { name: 'Search syntax' });
    await expect(help).toBeFocused();
    await expect(help).toContainText('created:2026-01..2026-03');
    await screenshot(page, '8b-search-error-and-syntax-help', { fullPage: false });
    await help.getByRole('button', { name: 'Search for -tag:spam' }).click();
    await expect(box).toHaveValue('-tag:spam');
    await expect(page).toHaveURL(/q=-tag%3Aspam/);
  });
});

test('9. a customer searching never gets an internal note', async ({ baseURL }) => {
  expect(ids, 'flow 8 made the tickets').toHaveLength(2);
  await apiAs('customer', baseURL, async (customer) => {
    // The note's own word finds nothing for the customer...
    const bySecret = await customer.get(`/api/v1/tickets?q=${encodeURIComponent(secret)}`);
    expect(bySecret.status(), await bySecret.text()).toBe(200);
    expect(((await bySecret.json()) as { items: unknown[] }).items).toEqual([]);
    const count = await customer.get(`/api/v1/tickets/count?q=${encodeURIComponent(secret)}`);
    expect(await count.json()).toMatchObject({ count: 0 });

    // ...and the word they wrote finds their tickets, quoting only what
    // they may read.
    const byWord = await customer.get(`/api/v1/tickets?q=${encodeURIComponent(word)}`);
    const text = await byWord.text();
    expect(byWord.status(), text).toBe(200);
    const found = (JSON.parse(text) as { items: { id: number; snippet?: { in: string } }[] }).items;
    expect(found.map((t) => t.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect(found.every((t) => t.snippet?.in !== 'internal_note')).toBe(true);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('firmware bug');

    // Facets and saved views are staff only.
    expect((await customer.get(`/api/v1/tickets/facets?q=${encodeURIComponent(word)}`)).status()).toBe(403);
    expect((await customer.get('/api/v1/views')).status()).toBe(403);
  });
});
