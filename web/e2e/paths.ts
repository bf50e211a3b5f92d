import { fileURLToPath } from 'node:url';

// repoRoot is the Go module at the top of the repository.
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

// outputDir holds screenshots (one per flow), the server log and
// Playwright's own results; test-output/ is gitignored.
export const outputDir = `${repoRoot}/test-output/e2e`;

// stateFile is where global setup keeps a signed-in role's cookies.
export function stateFile(role: string): string {
  return `${outputDir}/.auth/${role}.json`;
}
