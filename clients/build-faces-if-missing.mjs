// `npm start` runs this before the server starts: when a face (the embed, the dashboard, the
// explorer) has not been built yet, e.g. right after `npm install` on a fresh clone, it builds the
// client packages once. Later starts skip it; `npm run build:clients` rebuilds on purpose.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outputs = [
  'clients/embed/dist/temahub.js',
  'clients/dashboard/dist/index.html',
  'clients/explorer/dist/index.html',
];
const missing = outputs.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  process.stdout.write(`Building the client packages (missing: ${missing.join(', ')}) …\n`);
  execFileSync('npm', ['run', 'build:clients', '--silent'], { cwd: root, stdio: 'inherit' });
}
