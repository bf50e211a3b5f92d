// Fails when src/api/schema.gen.ts is not what openapi-typescript makes of
// the committed OpenAPI document, i.e. when someone changed the API without
// running `npm run gen`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const web = new URL('../', import.meta.url).pathname;
const committed = join(web, 'src/api/schema.gen.ts');
const dir = mkdtempSync(join(tmpdir(), 'triage-gen-'));
const fresh = join(dir, 'schema.gen.ts');
try {
  execFileSync(
    join(web, 'node_modules/.bin/openapi-typescript'),
    [join(web, '../internal/httpapi/openapi.json'), '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('check:gen: src/api/schema.gen.ts is stale; run `npm run gen` in web/ and commit it.');
    process.exit(1);
  }
  console.log('check:gen: src/api/schema.gen.ts matches internal/httpapi/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
