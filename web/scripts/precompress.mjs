// Writes name.gz and name.br beside every compressible file in dist/, so the
// Go server can send them as they are, chosen by Accept-Encoding.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const compressible = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);
// Files smaller than this gain nothing from compression.
const minBytes = 256;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue; // .keep, .vite/manifest.json
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
for (const path of files(dist)) {
  if (!compressible.has(extname(path))) continue;
  const raw = readFileSync(path);
  if (raw.length < minBytes) continue;
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  // A compressed copy larger than the original is never worth sending.
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  count++;
}
console.log(`precompress: ${count} files in ${relative(process.cwd(), dist) || 'dist'} have .gz and .br copies`);
