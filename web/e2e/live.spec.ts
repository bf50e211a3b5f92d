import type { Browser, BrowserContext, Page } from '@playwright/test';
import { demo } from './accounts';
import { expect, screenshot, test } from './fixtures';
import { settled, unique } from './helpers';
import { stateFile } from './paths';

// Flow 7: the workspace is live. Nobody reloads a page here: every change
// made by someone else (through the API, as another browser would) has to
// arrive over the websocket. expect() polls until its timeout, so the
// checks wait for the event without sleeping.
test.describe.configure({ mode: 'serial' });

const live = { timeout: 10_000 };
const subject = unique('Label printer prints blank pages');

async function contextFor(browser: Browser, role: 'admin' | 'agent' | 'customer', baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ storageState: stateFile(role), baseURL });
}

async function api(page: Page, method: 'POST' | 'PATCH', path: string, data: unknown): Promise<{ id: number }> {
  const res = await page.request.fetch(path, { method, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as { id: number };
}

test('7. an agent sees new tickets, replies, presence and an assignment live', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('no base URL');
  const agentCtx = await contextFor(browser, 'agent', baseURL);
  const adminCtx = await contextFor(browser, 'admin', baseURL);
  const customerCtx = await contextFor(browser, 'customer', baseURL);
  try {
    const agent = await agentCtx.newPage();
    const admin = await adminCtx.newPage();
    const customer = await customerCtx.newPage();

    // The unassigned queue picks up a ticket the customer opens elsewhere.
    await agent.goto('/tickets');
    const views = agent.getByRole('navigation', { name: 'Views' });
    await views.getByRole('link', { name: /^Unassigned/ }).click();
    await expect(agent).toHaveURL(/assignee=none/);
    await settled(agent, /Unassigned/);
    const unassignedBefore = await views.getByRole('link', { name: /^Unassigned/ }).textContent();
    await customer.goto('/portal');
    const ticket = await api(customer, 'POST', '/api/v1/tickets', {
      subject,
      body: 'Since this morning every label comes out blank.',
    });
    await expect(agent.getByRole('link', { name: subject }), 'the new ticket appears in the list without a reload').toBeVisible(live);
    await expect(views.getByRole('link', { name: /^Unassigned/ }), 'the view count follows').not.toHaveText(unassignedBefore ?? '', live);
    await screenshot(agent, '7-live-new-ticket');

    // The open ticket shows the customer's next message as it arrives.
    await agent.getByRole('link', { name: subject }).click();
    await settled(agent, subject);
    const followUp = unique('I also tried another roll of labels.');
    await api(customer, 'POST', `/api/v1/tickets/${ticket.id}/comments`, { body: followUp });
    await expect(agent.getByRole('article').filter({ hasText: followUp }), 'the reply appears without a reload').toBeVisible(live);

    // Presence: the admin opens the same ticket, then starts a reply.
    const presence = agent.getByRole('list', { name: 'Also on this ticket' });
    await admin.goto(`/tickets/${ticket.id}`);
    await settled(admin, subject);
    await expect(presence).toContainText(`${demo.admin.name} is viewing`, live);
    await admin.getByRole('radio', { name: 'Public reply' }).check();
    await admin.getByRole('textbox', { name: 'Public reply' }).fill('Let me check the printer driver.');
    await expect(presence).toContainText(`${demo.admin.name} is replying`, live);
    await screenshot(agent, '7-presence-replying');
    // And the agent is never told about themself.
    await expect(presence).not.toContainText(demo.agent.name);

    // The admin assigns the ticket to the agent: the bell lights up.
    const me = (await (await agent.request.get('/api/v1/me')).json()) as { id: number };
    await api(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { assignee_id: me.id });
    const bell = agent.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await expect(bell, 'the notification count arrives live').toBeVisible(live);
    await bell.click();
    const entry = agent.getByRole('dialog', { name: 'Notifications' }).getByText(`${demo.admin.name} assigned you #${ticket.id} ${subject}`);
    await expect(entry).toBeVisible(live);
    await screenshot(agent, '7-notification-center', { fullPage: false });
    await entry.click();
    await expect(agent).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));

    // Leaving the ticket clears the admin from the agent's presence list.
    await admin.goto('/tickets');
    await expect(presence).toHaveCount(0, live);
  } finally {
    await agentCtx.close();
    await adminCtx.close();
    await customerCtx.close();
  }
});

test('7b. a customer sees the agent reply live and never the internal note', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('no base URL');
  const agentCtx = await contextFor(browser, 'agent', baseURL);
  const customerCtx = await contextFor(browser, 'customer', baseURL);
  try {
    const agent = await agentCtx.newPage();
    const customer = await customerCtx.newPage();
    await customer.goto('/portal');
    const own = unique('Cannot download my invoice');
    const ticket = await api(customer, 'POST', '/api/v1/tickets', { subject: own, body: 'The download button does nothing.' });
    await customer.goto(`/portal/tickets/${ticket.id}`);
    await settled(customer, own);

    const frames: string[] = [];
    customer.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await agent.goto('/tickets');
    const note = unique('INTERNAL-ONLY: refund pending fraud check');
    const reply = unique('The invoice is attached to your account again.');
    await api(agent, 'POST', `/api/v1/tickets/${ticket.id}/comments`, { body: note, internal: true });
    await api(agent, 'POST', `/api/v1/tickets/${ticket.id}/comments`, { body: reply });
    await expect(customer.getByRole('list', { name: 'Conversation' })).toContainText(reply, live);
    await expect(customer.getByText(note)).toHaveCount(0);
    await screenshot(customer, '7b-customer-live-reply');
    expect(frames.join('\n')).not.toContain('INTERNAL-ONLY');
    expect(frames.join('\n')).not.toContain('"internal":true');
  } finally {
    await agentCtx.close();
    await customerCtx.close();
  }
});
