import { expect, screenshot, signedInAs, test } from './fixtures';
import { firstTicketId, settled, unique } from './helpers';

// Flow 5: what someone types in a reply box is still there after a reload.
// Each test picks a seeded ticket, so it needs no other test.

test.describe('agent', () => {
  signedInAs('agent');

  test('5. a reply draft survives a page reload', async ({ page }) => {
    const id = await firstTicketId(page);
    const draft = unique('Draft: checking with the billing team, will get back to you by Friday.');
    await page.goto(`/tickets/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.state-loading')).toHaveCount(0);

    await page.getByRole('textbox', { name: 'Public reply' }).fill(draft);
    await expect(page.getByText('Draft saved on this device.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Public reply' })).toHaveValue(draft);
    await expect(page.getByText('Draft saved on this device.')).toBeVisible();
    // The internal note keeps a draft of its own, empty here.
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await expect(page.getByRole('textbox', { name: 'Internal note' })).toHaveValue('');
    await page.getByRole('radio', { name: 'Public reply' }).check();
    await expect(page.getByRole('textbox', { name: 'Public reply' })).toHaveValue(draft);
    await screenshot(page, '5-agent-draft-after-reload');
  });
});

test.describe('customer', () => {
  signedInAs('customer');

  test('5b. a portal reply draft survives a page reload', async ({ page }) => {
    // A ticket of its own: seeded ones may be closed, which takes no reply.
    const res = await page.request.post('/api/v1/tickets', {
      data: { subject: unique('Question about my last invoice'), body: 'Which VAT rate was applied?' },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const draft = unique('Half-written answer: the error appears only after');
    await page.goto(`/portal/tickets/${id}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Reply' })).toBeVisible();

    await page.getByLabel('Your reply').fill(draft);
    await expect(page.getByText('Draft saved on this device.')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Your reply')).toHaveValue(draft);
    await expect(page.getByText('Draft saved on this device.')).toBeVisible();
    await settled(page, /.+/);
    await screenshot(page, '5b-portal-draft-after-reload');
  });
});
