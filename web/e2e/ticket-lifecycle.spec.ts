import { demo } from './accounts';
import { ApiResponses, expect, screenshot, test } from './fixtures';
import { idFromUrl, settled, signInThroughForm, unique } from './helpers';
import { stateFile } from './paths';

// Flows 1-3 follow one ticket from a new customer to an agent and back, so
// they run in order and share it: when flow 1 fails, 2 and 3 are skipped.
test.describe.configure({ mode: 'serial' });

const customer = {
  name: unique('Dana Whitfield'),
  email: `dana.${Date.now().toString(36)}@example.org`,
  password: 'plum-harbour-lantern-4821',
};
const subject = unique('Invoice shows the wrong billing address');
const description = 'My last invoice shows our old office address. Could you correct it and send a new copy?';
const publicReply = unique('Thanks Dana, I have corrected the address and sent a new invoice.');
const internalNote = unique('INTERNAL: billing system had a stale address cache, do not tell the customer');

// Set by flow 1, used by flows 2 and 3.
let ticketId = 0;

test('1. a customer registers, opens a ticket and sees it listed', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Create a customer account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Name').fill(customer.name);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(customer.password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/portal$/);
  await settled(page, 'My tickets');
  await expect(page.getByText('You have no tickets yet')).toBeVisible();
  await page.getByRole('link', { name: 'Open your first ticket' }).click();

  await settled(page, 'New ticket');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('What kind of request is it?').selectOption({ label: 'Question' });
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Send ticket' }).click();

  await expect(page).toHaveURL(/\/portal\/tickets\/\d+$/);
  ticketId = idFromUrl(page.url());
  await settled(page, subject);
  await expect(page.getByText('Your ticket was sent')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Conversation' })).toContainText(description);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tickets' }).click();
  await settled(page, 'My tickets');
  const list = page.getByRole('list', { name: 'My tickets' });
  const item = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: subject }) });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`#${ticketId}`);
  await expect(item).toContainText('New');
  await screenshot(page, '1-customer-opens-ticket');
});

test.describe('as the agent', () => {
  test.use({ storageState: stateFile('agent') });

  test('2. an agent finds it unassigned, takes it, replies and adds an internal note', async ({ page }) => {
    expect(ticketId, 'flow 1 made the ticket').toBeGreaterThan(0);
    await page.goto('/tickets');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Unassigned/ }).click();
    await expect(page).toHaveURL(/assignee=none/);
    await page.getByRole('link', { name: subject }).click();

    await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
    await settled(page, subject);
    await expect(page.getByText(description)).toBeVisible();

    // Assign to themself.
    const assignee = page.getByLabel('Assignee');
    await expect(assignee).toHaveValue('');
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect(assignee.locator('option:checked')).toHaveText(`${demo.agent.name} (you)`);
    await expect(page.getByText(/^Saved: assignee /)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);

    // A public reply.
    await page.getByRole('radio', { name: 'Public reply' }).check();
    await page.getByRole('textbox', { name: 'Public reply' }).fill(publicReply);
    await page.getByRole('button', { name: 'Send public reply' }).click();
    await expect(page.getByRole('article', { name: /^Public reply by / }).filter({ hasText: publicReply })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Reply sent.' })).toBeVisible();

    // An internal note, told apart from the reply.
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByRole('textbox', { name: 'Internal note' }).fill(internalNote);
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await expect(page.getByRole('article', { name: /^Internal note by / }).filter({ hasText: internalNote })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Internal note added.' })).toBeVisible();

    // Both are saved, not only shown: a reload still has them, assigned.
    await page.reload();
    await settled(page, subject);
    await expect(page.getByRole('article', { name: /^Public reply by / }).filter({ hasText: publicReply })).toBeVisible();
    await expect(page.getByRole('article', { name: /^Internal note by / }).filter({ hasText: internalNote })).toBeVisible();
    await expect(page.getByLabel('Assignee').locator('option:checked')).toHaveText(`${demo.agent.name} (you)`);

    await screenshot(page, '2-agent-replies-and-notes');
  });
});

test('3. the customer sees the reply and never the internal note', async ({ page }) => {
  expect(ticketId, 'flow 1 made the ticket').toBeGreaterThan(0);
  const responses = new ApiResponses(page);
  await signInThroughForm(page, customer.email, customer.password);
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole('link', { name: subject }).click();
  await settled(page, subject);

  const conversation = page.getByRole('list', { name: 'Conversation' });
  await expect(conversation).toContainText(publicReply);
  await expect(conversation.getByRole('article').filter({ hasText: publicReply })).toContainText('Support team');
  await expect(page.locator('body')).not.toContainText(internalNote);
  await expect(page.locator('body')).not.toContainText('INTERNAL');

  // Reload too: nothing cached or refetched may bring the note in.
  await page.reload();
  await settled(page, subject);
  await expect(conversation).toContainText(publicReply);
  await expect(page.locator('body')).not.toContainText(internalNote);

  const seen = await responses.all();
  expect(seen.some((r) => r.url.includes(`/api/v1/tickets/${ticketId}/comments`)), 'the page fetched the conversation').toBe(true);
  const leaks = seen.filter((r) => r.body.includes(internalNote) || r.body.includes('stale address cache'));
  expect(leaks.map((r) => r.url), 'API responses to the customer carry the internal note').toEqual([]);
  await screenshot(page, '3-customer-sees-reply-not-note');
});
