// Empties dist/ but keeps dist/.keep, which lets `go build` embed the
// directory before the app has ever been built.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
for (const name of readdirSync(dist)) {
  if (name !== '.keep') rmSync(join(dist, name), { recursive: true, force: true });
}
