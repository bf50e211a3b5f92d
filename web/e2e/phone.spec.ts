import { demo } from './accounts';
import { expect, expectNoHorizontalScroll, screenshot, signedInAs, test } from './fixtures';
import { firstTicketId, settled, signInThroughForm, unique } from './helpers';

// Flow 6: the demo customer on a 360 x 740 phone signs in, opens a ticket
// and replies, and no page they visit scrolls sideways.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

test('6. on a phone, a customer opens a ticket and replies', async ({ page }) => {
  const subject = unique('Cannot download my receipt from the mobile site');
  const reply = unique('Here is a screenshot description: the button is greyed out.');

  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'login');
  await signInThroughForm(page, demo.customer.email, demo.customer.password);

  await expect(page).toHaveURL(/\/portal$/);
  await settled(page, 'My tickets');
  await expectNoHorizontalScroll(page, 'portal list');

  await page.getByRole('main').getByRole('link', { name: 'New ticket' }).click();
  await settled(page, 'New ticket');
  await expectNoHorizontalScroll(page, 'new ticket');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('The download button on the receipt page does nothing on my phone.');
  await page.getByRole('button', { name: 'Send ticket' }).click();

  await expect(page).toHaveURL(/\/portal\/tickets\/\d+$/);
  await settled(page, subject);
  await expectNoHorizontalScroll(page, 'ticket page');

  await page.getByLabel('Your reply').fill(reply);
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('list', { name: 'Conversation' }).getByRole('article').filter({ hasText: reply })).toBeVisible();
  await expect(page.getByText('Your reply was sent.')).toBeVisible();
  await expectNoHorizontalScroll(page, 'ticket page after the reply');

  await screenshot(page, '6-phone-customer-replies');
});

// The staff pages fit a phone too (an admin sees both the workspace and
// the admin pages).
test.describe('staff pages on a phone', () => {
  signedInAs('admin');

  test('6b. the workspace and admin pages do not scroll sideways at 360 px', async ({ page }) => {
    await page.goto('/tickets');
    await settled(page, /.+/);
    await expect(page.getByRole('link', { name: /^Unassigned/ })).toBeVisible();
    await expectNoHorizontalScroll(page, 'agent list');
    await screenshot(page, '6b-phone-agent-list', { fullPage: false });

    await page.goto(`/tickets/${await firstTicketId(page)}`);
    await settled(page, /.+/);
    await expect(page.getByRole('textbox', { name: 'Public reply' })).toBeVisible();
    await expectNoHorizontalScroll(page, 'agent ticket');
    await screenshot(page, '6b-phone-agent-ticket', { fullPage: false });

    await page.goto('/admin/users');
    await settled(page, 'Users');
    await expectNoHorizontalScroll(page, 'admin users');
    await screenshot(page, '6b-phone-admin-users', { fullPage: false });

    await page.goto('/admin/audit');
    await settled(page, 'Audit log');
    await expect(page.getByRole('list', { name: 'Audit entries' })).toBeVisible();
    await expectNoHorizontalScroll(page, 'admin audit');
    await screenshot(page, '6b-phone-admin-audit', { fullPage: false });
  });
});
