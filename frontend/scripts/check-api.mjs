// Fails when src/lib/api/schema.d.ts is not what openapi-typescript makes of ../openapi.yaml, so
// the front end's API types can never silently drift from the backend. Fix with `npm run gen:api`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkedIn = join(root, 'src', 'lib', 'api', 'schema.d.ts');
const workDir = mkdtempSync(join(tmpdir(), 'zzyzx-check-api-'));
const regenerated = join(workDir, 'schema.d.ts');

try {
  const generator = spawnSync(
    join(root, 'node_modules', '.bin', 'openapi-typescript'),
    [join(root, '..', 'openapi.yaml'), '-o', regenerated],
    { cwd: root, encoding: 'utf8' },
  );
  if (generator.status !== 0) {
    console.error(generator.stdout, generator.stderr);
    console.error('check:api: openapi-typescript could not read ../openapi.yaml (see above).');
    process.exit(1);
  }
  if (readFileSync(regenerated, 'utf8') !== readFileSync(checkedIn, 'utf8')) {
    console.error('check:api: src/lib/api/schema.d.ts is stale: ../openapi.yaml changed since it was generated.');
    console.error('Run `npm run gen:api`, then fix whatever no longer type-checks.');
    process.exit(1);
  }
  console.log('check:api: src/lib/api/schema.d.ts matches ../openapi.yaml.');
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
