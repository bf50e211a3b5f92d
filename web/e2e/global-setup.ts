import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import { demo } from './accounts';
import { outputDir, repoRoot, stateFile } from './paths';

// Global setup builds nothing: it needs bin/triage (`make build`). It
// starts the binary on a free port with a fresh SQLite data directory and
// small demo data, signs the demo users in once (the login rate limit is
// per IP), and returns the teardown that stops the server.

const bin = process.env.TRIAGE_BIN ?? join(repoRoot, 'bin/triage');
const tickets = process.env.E2E_SEED_TICKETS ?? '30';
const readyWithin = 30_000;

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make build\` (or \`make e2e\`) first`);
  const chromium = config.projects[0]?.use.launchOptions?.executablePath;
  if (chromium && !existsSync(chromium)) {
    throw new Error(`${chromium} is missing: install Debian's Chromium (apt-get install chromium) or set E2E_CHROMIUM`);
  }

  mkdirSync(`${outputDir}/.auth`, { recursive: true });
  for (const f of readdirSync(outputDir)) if (f.endsWith('.png')) rmSync(join(outputDir, f));

  const dataDir = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
  const addr = `127.0.0.1:${await freePort()}`;
  const baseURL = `http://${addr}`;
  const env = {
    ...process.env,
    TRIAGE_DATA_DIR: dataDir,
    TRIAGE_ADDR: addr,
    TRIAGE_BASE_URL: baseURL,
    TRIAGE_REGISTRATION: 'true',
    TRIAGE_LOG_FORMAT: 'text',
    TRIAGE_LOG_LEVEL: 'warn',
  };

  // A fixed seed makes the demo data the same on every run.
  const seed = spawnSync(bin, ['seed', '--tickets', tickets, '--seed', '20261128', '--quiet'], { env, encoding: 'utf8', timeout: 60_000 });
  if (seed.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`triage seed failed (${seed.status ?? seed.signal}):\n${seed.stderr}${seed.stdout}`);
  }

  const logPath = `${outputDir}/server.log`;
  const log = createWriteStream(logPath);
  const server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const exited = new Promise<number | string>((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const stop = async () => {
    await stopServer(server, exited);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(baseURL, exited, logPath);
    process.env.E2E_BASE_URL = baseURL;
    for (const account of Object.values(demo)) await signIn(baseURL, account.email, account.password, stateFile(account.role));
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

// freePort asks the kernel for a port that is free right now.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// waitReady polls /readyz until it answers 200, the server exits, or
// readyWithin passes: a bounded retry loop, each try waiting for an answer.
async function waitReady(baseURL: string, exited: Promise<number | string>, logPath: string): Promise<void> {
  const deadline = Date.now() + readyWithin;
  let last = 'no answer';
  let gone: number | string | undefined;
  void exited.then((code) => (gone = code));
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    if (gone !== undefined) throw new Error(`triage serve exited (${gone}) before it was ready:\n${readFileSync(logPath, 'utf8')}`);
    try {
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    // Back off a little between refused connections (at most 25 tries a second),
    // but wake at once if the server dies.
    await Promise.race([new Promise((r) => setTimeout(r, Math.min(40 * attempt, 200))), exited]);
  }
  throw new Error(`triage serve was not ready within ${readyWithin} ms (last: ${last}); log: ${logPath}`);
}

// signIn logs a user in through the API and keeps their cookies for tests.
async function signIn(baseURL: string, email: string, password: string, path: string): Promise<void> {
  const ctx = await request.newContext({ baseURL });
  try {
    const res = await ctx.post('/api/v1/auth/login', { data: { email, password } });
    if (!res.ok()) throw new Error(`signing in ${email} failed: ${res.status()} ${await res.text()}`);
    await ctx.storageState({ path });
  } finally {
    await ctx.dispose();
  }
}

// stopServer asks the server to shut down gracefully and kills it if it
// has not exited within 15 s.
async function stopServer(server: ChildProcess, exited: Promise<number | string>): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 15_000)));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    server.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
