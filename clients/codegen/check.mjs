// `npm run codegen:check`: regenerates every client's src/__generated__/ and the tests' typed
// documents (server/test/__generated__/) into a temporary directory (codegen.yml reads
// CODEGEN_OUT_ROOT) and fails when the tree differs from it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();
const out = mkdtempSync(path.join(tmpdir(), 'temahub-codegen-'));

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

try {
  const run = spawnSync(
    path.join(root, 'node_modules', '.bin', 'graphql-codegen'),
    ['--config', 'codegen.yml', '--silent'],
    {
      cwd: root,
      env: { ...process.env, CODEGEN_OUT_ROOT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (run.status !== 0) {
    console.error('codegen:check: code generation failed (see above).');
    process.exit(1);
  }
  const stale = [];
  const clients = readdirSync(path.join(out, 'clients')).sort();
  const generated = [
    ...clients.map((client) => path.join('clients', client, 'src', '__generated__')),
    path.join('server', 'test', '__generated__'),
  ];
  for (const rel of generated) {
    const fresh = path.join(out, rel);
    const committed = path.join(root, rel);
    const names = new Set([...filesUnder(fresh), ...filesUnder(committed)]);
    for (const name of [...names].sort()) {
      const a = path.join(committed, name);
      const b = path.join(fresh, name);
      if (!existsSync(b)) stale.push(`${path.join(rel, name)} (should not exist)`);
      else if (!existsSync(a)) stale.push(`${path.join(rel, name)} (missing)`);
      else if (!readFileSync(a).equals(readFileSync(b))) stale.push(`${path.join(rel, name)} (differs)`);
    }
  }
  if (stale.length > 0) {
    console.error(
      `Generated client code is stale; run \`npm run codegen\` and commit the result:\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`codegen:check: ${clients.length} clients' generated code and the tests' typed documents are current.`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
