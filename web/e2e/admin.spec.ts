import { demo } from './accounts';
import { expect, screenshot, signedInAs, test } from './fixtures';
import { settled, unique } from './helpers';

signedInAs('admin');

// Flow 4: an admin creates an agent, changes a role, and finds both
// changes in the audit log viewer.
test('4. an admin creates an agent, changes a role and sees both in the audit log', async ({ page }) => {
  const name = unique('Priya Raman');
  const email = `priya.${Date.now().toString(36)}@example.com`;

  await page.goto('/admin/users');
  await settled(page, 'Users');
  await page.getByRole('button', { name: 'New user' }).click();

  const dialog = page.getByRole('dialog', { name: 'New user' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption({ label: 'Agent' });
  await dialog.getByLabel('Password (optional)').fill('violet-canyon-tractor-5307');
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/users');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const userId = ((await res.json()) as { id: number }).id;

  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name} (${email}) was created as an agent.`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue('agent');

  // Make the new agent an admin.
  await row.getByLabel(`Role of ${name}`).selectOption('admin');
  await row.getByRole('button', { name: `Save role of ${name}` }).click();
  await expect(page.getByText(`${name} is now an admin.`)).toBeVisible();
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue('admin');

  // The audit log, filtered to this user, has both: newest first.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await settled(page, 'Audit log');
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Target type').selectOption('user');
  await filters.getByLabel('Target id').fill(String(userId));
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`target_id=${userId}`));

  const entries = page.getByRole('list', { name: 'Audit entries' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('user.update');
  await expect(entries.nth(1)).toContainText('user.create');
  for (const i of [0, 1]) {
    await expect(entries.nth(i)).toContainText(`user ${userId}`);
    await expect(entries.nth(i)).toContainText(demo.admin.name);
  }

  // The update recorded the role change.
  await entries.nth(0).getByRole('button', { name: 'Show changes' }).click();
  const diff = entries.nth(0).getByLabel('Changes recorded by user.update');
  await expect(diff).toContainText('- "role": "agent"');
  await expect(diff).toContainText('+ "role": "admin"');
  await entries.nth(1).getByRole('button', { name: 'Show changes' }).click();
  await expect(entries.nth(1).getByLabel('Changes recorded by user.create')).toContainText(email);

  await screenshot(page, '4-admin-audit-log');
});
