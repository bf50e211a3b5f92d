// Checks the JavaScript a browser must load before a route can paint: the
// entry chunk, the route's lazy modules, and everything they import
// statically, as listed in Vite's manifest. Fails the build when a route is
// over budget or when index.html carries inline script or style, which the
// CSP (script-src 'self'; style-src 'self') would block.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budgetBytes = 150 * 1024;

// The lazy modules each checked route loads on a first visit, in the order
// the router resolves them. Keep in step with src/app/routes.tsx.
const routes = {
  '/login': ['src/pages/auth/LoginPage.tsx'],
  '/tickets': ['src/shell/AppShell.tsx', 'src/pages/tickets/TicketListPage.tsx'],
};

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

let failed = false;
const fail = (msg) => {
  console.error(`budget: ${msg}`);
  failed = true;
};

// Inline scripts: any <script> with content or without src.
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const attrs = m[1] ?? '';
  if (!/\bsrc=/.test(attrs) || (m[2] ?? '').trim() !== '') fail('index.html has an inline <script>');
}
if (/<style\b/i.test(html)) fail('index.html has an inline <style>');
if (/\sstyle=/i.test(html)) fail('index.html has a style attribute');
if (/\son[a-z]+=/i.test(html)) fail('index.html has an inline event handler');

const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
if (entries.length !== 1) fail(`expected one entry chunk, found ${entries.length}`);
const entryKey = entries[0]?.[0];

const gzipCache = new Map();
function gzipSize(file) {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

// collect adds key's chunk and its static imports to files.
function collect(key, files) {
  const chunk = manifest[key];
  if (!chunk) {
    fail(`${key} is not in the manifest (renamed? update scripts/budget.mjs)`);
    return;
  }
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imp of chunk.imports ?? []) collect(imp, files);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`budget: initial JavaScript per route, gzipped (limit ${kb(budgetBytes)})`);
for (const [route, lazy] of Object.entries(routes)) {
  const files = new Set();
  if (entryKey) collect(entryKey, files);
  for (const key of lazy) collect(key, files);
  const total = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
  const over = total > budgetBytes;
  console.log(`  ${route.padEnd(10)} ${kb(total).padStart(9)}  ${files.size} files${over ? '  OVER BUDGET' : ''}`);
  for (const f of files) console.log(`      ${kb(gzipSize(f)).padStart(9)}  ${f}`);
  if (over) fail(`${route} loads ${kb(total)} of JavaScript, over ${kb(budgetBytes)}`);
}

const lazyCount = Object.values(manifest).filter((c) => c.isDynamicEntry).length;
console.log(`budget: ${lazyCount} lazy chunks`);
if (failed) process.exit(1);
