// Measures what a first visit downloads before the app can start: the entry chunk and every chunk
// it imports statically (lazy pages excluded), gzipped. Fails above the budget in DESIGN.md §10.
// Usage: npm run build && npm run size
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('The build manifest names no entry chunk.');

const initialChunks = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initialChunks.has(chunk.file)) return;
  initialChunks.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const gzippedSize = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
for (const file of initialChunks) {
  const size = gzippedSize(file);
  total += size;
  console.log(`  ${file.padEnd(40)} ${kb(size).padStart(10)}`);
}
const css = (manifest[entryKey].css ?? []).reduce((sum, file) => sum + gzippedSize(file), 0);
console.log(
  `initial JS: ${kb(total)} gzipped in ${initialChunks.size} chunks (budget ${kb(BUDGET_BYTES)}); initial CSS ${kb(css)}`,
);
if (total > BUDGET_BYTES) {
  console.error('The initial JavaScript is over budget: lazy-load the heavy parts.');
  process.exit(1);
}
