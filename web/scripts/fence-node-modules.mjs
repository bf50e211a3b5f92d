// Some npm packages ship Go source (flatted does). A go.mod inside
// node_modules makes it a module of its own, so `go build ./...` and
// `go vet ./...` in the repository never wander into it.
import { existsSync, writeFileSync } from 'node:fs';

const dir = new URL('../node_modules/', import.meta.url);
if (existsSync(dir)) writeFileSync(new URL('go.mod', dir), 'module triage.invalid/web/node_modules\n');
