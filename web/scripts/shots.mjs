// Takes screenshots of the built app for a person to look at: each page in
// PAGES at phone and desktop widths, light and dark. The API is stubbed
// with Playwright's request routing, so only a static server is needed:
//   npx vite preview --port 4173 &   node scripts/shots.mjs [outdir]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const out = process.argv[2] ?? '/tmp/shots';
mkdirSync(out, { recursive: true });

const user = {
  id: 1, email: 'grace.hopper@example.com', name: 'Grace Hopper', role: 'agent', active: true,
  time_zone: 'UTC', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
};
const sessions = {
  items: [
    { id: 'a', user_id: 1, created_at: '2026-11-20T09:00:00Z', last_seen_at: '2026-11-27T10:00:00Z', expires_at: '2026-12-20T09:00:00Z', revoked_at: null, ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36', current: true },
    { id: 'b', user_id: 1, created_at: '2026-11-02T09:00:00Z', last_seen_at: '2026-11-25T18:00:00Z', expires_at: '2026-12-02T09:00:00Z', revoked_at: null, ip: '198.51.100.23', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', current: false },
  ],
};
const tokens = {
  items: [
    { id: 3, user_id: 1, name: 'CI deploy', prefix: 'trg_4f9a', created_at: '2026-10-01T00:00:00Z', last_used_at: '2026-11-26T12:00:00Z', expires_at: null, revoked_at: null },
  ],
};

const admin = { ...user, id: 2, email: 'ada@example.com', name: 'Ada Lovelace', role: 'admin' };
const notifications = {
  items: [
    { id: 3, kind: 'assigned', ticket_id: 42, ticket_subject: 'Printer on fire', comment_id: null, actor: { id: 5, name: 'Alex Agent' }, created_at: '2026-11-27T09:58:00Z', read_at: null },
    { id: 2, kind: 'customer_reply', ticket_id: 41, ticket_subject: 'Cannot sign in after the password change', comment_id: 9, actor: { id: 9, name: 'Jane Customer' }, created_at: '2026-11-27T08:00:00Z', read_at: null },
    { id: 1, kind: 'team_assigned', ticket_id: 40, ticket_subject: 'Refund for order 1182', comment_id: null, actor: null, created_at: '2026-11-26T08:00:00Z', read_at: '2026-11-26T09:00:00Z' },
  ],
  next_cursor: 'c2',
};
const jobs = {
  items: [
    { id: 12, kind: 'notify_email', queue: 'default', state: 'discarded', attempt: 5, max_attempts: 5,
      errors: [{ at: '2026-11-27T09:00:00Z', attempt: 5, error: 'smtp: 554 5.7.1 <ann@example.com>: Relay access denied\n(full transcript)' }],
      created_at: '2026-11-27T08:00:00Z', scheduled_at: '2026-11-27T09:00:00Z', attempted_at: '2026-11-27T09:00:00Z', finalized_at: '2026-11-27T09:00:01Z' },
    { id: 11, kind: 'notify_event', queue: 'default', state: 'retryable', attempt: 2, max_attempts: 25,
      errors: [{ at: '2026-11-27T09:30:00Z', attempt: 2, error: 'dial tcp 10.0.0.5:587: connect: connection refused' }],
      created_at: '2026-11-27T09:00:00Z', scheduled_at: '2026-11-27T10:00:00Z', attempted_at: '2026-11-27T09:30:00Z', finalized_at: null },
  ],
  next_cursor: null,
};
const ticket = {
  id: 42, subject: 'Printer on fire', status: 'open', priority: 'high', type: 'incident', requester_id: 50,
  requester: { id: 50, name: 'Jane Customer', email: 'jane@example.com' }, assignee_id: 1, assignee: { id: 1, name: 'Grace Hopper' },
  team_id: null, tags: [], created_at: '2026-11-27T08:00:00Z', updated_at: '2026-11-27T09:00:00Z', solved_at: null, first_response_at: null,
};
const comments = {
  items: [{ id: 1, ticket_id: 42, author_id: 50, author: { id: 50, name: 'Jane Customer', role: 'customer' }, body: 'Smoke everywhere.',
    body_html: '<p>Smoke everywhere.</p>', internal: false, created_at: '2026-11-27T08:00:00Z', edited_at: null }],
  next_cursor: null,
};
const prefs = { email_assigned: true, email_team_assigned: false, email_customer_reply: true, email_mention: true, email_ticket_replies: true };

const pages = [
  { name: 'login', path: '/login', signedIn: false },
  { name: 'login-error', path: '/login', signedIn: false, act: async (p) => {
    await p.getByLabel('Email').fill('nobody@example.com');
    await p.getByLabel('Password').fill('wrong');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').waitFor();
  } },
  { name: 'register-off', path: '/register', signedIn: false, act: async (p) => {
    await p.getByLabel('Name').fill('Cora');
    await p.getByLabel('Email').fill('cora@example.com');
    await p.getByLabel('Password').fill('a long passphrase');
    await p.getByRole('button', { name: 'Create account' }).click();
    await p.getByText('Sign-up is switched off').waitFor();
  } },
  { name: 'sessions', path: '/account/sessions', signedIn: true },
  { name: 'tokens', path: '/account/tokens', signedIn: true },
  { name: 'token-created', path: '/account/tokens', signedIn: true, act: async (p) => {
    await p.getByLabel('Name').fill('Nightly backup');
    await p.getByRole('button', { name: 'Create token' }).click();
    await p.getByLabel('New API token').waitFor();
  } },
  { name: 'password', path: '/account/password', signedIn: true },
  { name: 'menu', path: '/account/password', signedIn: true, act: async (p) => {
    await p.getByRole('button', { name: /Grace Hopper/ }).click();
  } },
  { name: 'notifications', path: '/account/password', signedIn: true, act: async (p) => {
    await p.getByRole('button', { name: /^Notifications/ }).click();
    await p.getByRole('list', { name: 'Notifications' }).waitFor();
  } },
  { name: 'live-paused', path: '/account/password', signedIn: true, socket: 'refuse', act: async (p) => {
    await p.getByText('Live updates paused').waitFor({ timeout: 10_000 });
  } },
  { name: 'preferences', path: '/account/notifications', signedIn: true },
  { name: 'presence', path: '/tickets/42', signedIn: true, socket: 'presence', act: async (p) => {
    await p.getByText('Alex Agent is replying').waitFor();
  } },
  { name: 'jobs', path: '/admin/jobs', signedIn: true, user: admin, act: async (p) => {
    await p.getByText('All errors (1)').first().click();
  } },
  { name: 'unsubscribe', path: '/unsubscribe?token=shot', signedIn: false },
  { name: 'unsubscribed', path: '/unsubscribe?token=shot', signedIn: false, act: async (p) => {
    await p.getByRole('button', { name: 'Unsubscribe' }).click();
    await p.getByText('You will no longer get').waitFor();
  } },
];

const problem = (status, detail, code = 'unauthorized') => ({
  status, contentType: 'application/problem+json',
  body: JSON.stringify({ type: `urn:triage:problem:${code}`, title: detail, status, detail, request_id: 'shot' }),
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
      for (const pg of pages) {
        const page = await ctx.newPage();
        page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(`${pg.name}: console: ${m.text()}`));
        page.on('pageerror', (e) => problems.push(`${pg.name}: ${e.message}`));
        await page.route('**/api/v1/**', (route) => {
          const url = new URL(route.request().url());
          const key = `${route.request().method()} ${url.pathname}`;
          if (key === 'GET /api/v1/me') return route.fulfill(pg.signedIn ? { json: pg.user ?? user } : problem(401, 'Authentication required.'));
          if (key === 'GET /api/v1/notifications/unread-count') return route.fulfill({ json: { count: 2 } });
          if (key === 'GET /api/v1/notifications') return route.fulfill({ json: notifications });
          if (key === 'GET /api/v1/me/preferences') return route.fulfill({ json: prefs });
          if (key === 'GET /api/v1/tickets/42') return route.fulfill({ json: ticket });
          if (key === 'GET /api/v1/tickets/42/comments') return route.fulfill({ json: comments });
          if (key === 'GET /api/v1/tickets') return route.fulfill({ json: { items: [ticket], next_cursor: null } });
          if (key === 'GET /api/v1/users') return route.fulfill({ json: { items: [user], next_cursor: null } });
          if (key === 'GET /api/v1/teams') return route.fulfill({ json: { items: [] } });
          if (key === 'GET /api/v1/users/50') return route.fulfill({ json: { ...user, id: 50, name: 'Jane Customer', email: 'jane@example.com', role: 'customer' } });
          if (key === 'GET /api/v1/admin/jobs') return route.fulfill({ json: jobs });
          if (key === 'POST /api/v1/unsubscribe') return route.fulfill({ json: { topic: 'email_ticket_replies' } });
          if (key === 'POST /api/v1/auth/refresh') return route.fulfill(problem(401, 'Authentication required.'));
          if (key === 'POST /api/v1/auth/login') return route.fulfill(problem(401, 'The email or password is wrong.'));
          if (key === 'POST /api/v1/auth/register') return route.fulfill(problem(403, 'Registration is switched off; ask an administrator for an account.', 'unavailable'));
          if (key === 'GET /api/v1/me/sessions') return route.fulfill({ json: sessions });
          if (key === 'GET /api/v1/me/tokens') return route.fulfill({ json: tokens });
          if (key === 'POST /api/v1/me/tokens') return route.fulfill({ status: 201, json: { ...tokens.items[0], id: 4, name: 'Nightly backup', token: 'trg_4f9a_0123456789abcdefghijklmnopqrstuvwxyzABCDEF' } });
          return route.fulfill(problem(404, `no stub for ${key}`, 'not_found'));
        });
        // The live socket says hello, or (socket: 'refuse') closes at once.
        await page.routeWebSocket('**/api/v1/ws', (ws) => {
          if (pg.socket === 'refuse') return ws.close({ code: 1011 });
          const me = pg.user ?? user;
          ws.send(JSON.stringify({ type: 'hello', data: { user_id: me.id, role: me.role } }));
          // Others on the ticket answer our presence with theirs, as their tabs do.
          if (pg.socket === 'presence') {
            ws.onMessage(() => {
              for (const [id, name, state] of [[5, 'Alex Agent', 'replying'], [6, 'Sam Support', 'viewing']]) {
                ws.send(JSON.stringify({ type: 'presence', ticket_id: 42, data: { ticket_id: 42, user_id: id, name, state } }));
              }
            });
          }
        });
        await page.goto(base + pg.path);
        await page.getByRole('main').waitFor();
        await page.waitForLoadState('networkidle');
        if (pg.act) await pg.act(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${pg.name} at ${width}px ${scheme}: scrolls sideways by ${overflow}px`);
        const file = `${out}/${pg.name}-${width}-${scheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`shots: saved in ${out}`);
for (const p of problems) console.log(`shots: ${p}`);
