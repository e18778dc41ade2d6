import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findClientsDir, loadPersistedDocuments, PersistedDocumentsError } from './persisted-operations.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeRepo(manifests: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'temahub-pq-'));
  temps.push(root);
  for (const [client, manifest] of Object.entries(manifests)) {
    const dir = path.join(root, 'clients', client, 'src', '__generated__');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'persisted-documents.json'), JSON.stringify(manifest));
  }
  mkdirSync(path.join(root, 'dist', 'server', 'src', 'app'), { recursive: true });
  return root;
}

describe('persisted documents', () => {
  it('loads the union of the committed client manifests, keyed by plain sha256 hex', () => {
    const clients = findClientsDir([process.cwd()])!;
    expect(clients).toBe(path.resolve('clients'));
    const { byHash, files } = loadPersistedDocuments(clients);
    expect(files.map((f) => path.relative(clients, f).split(path.sep)[0])).toEqual([
      'coordinator',
      'library-platform',
      'partner-site',
    ]);
    const expected = files.reduce((n, f) => n + Object.keys(JSON.parse(readFileSync(f, 'utf8'))).length, 0);
    expect(byHash.size).toBe(expected);
    for (const [hash, text] of byHash) expect(sha256(text)).toBe(hash);
  });

  it('finds clients/ from a build output directory below the repository root', () => {
    const text = 'query A { viewer { role } }';
    const root = fakeRepo({ one: { [`sha256:${sha256(text)}`]: text } });
    const found = findClientsDir([path.join(root, 'dist', 'server', 'src', 'app')]);
    expect(found).toBe(path.join(root, 'clients'));
    expect([...loadPersistedDocuments(found!).byHash.values()]).toEqual([text]);
  });

  it('refuses a manifest whose key is not the hash of its document', () => {
    const root = fakeRepo({
      one: { [`sha256:${sha256('query A { viewer { role } }')}`]: 'query B { viewer { role } }' },
    });
    expect(() => loadPersistedDocuments(path.join(root, 'clients'))).toThrow(PersistedDocumentsError);
  });

  it('explains what to do when there are no manifests', () => {
    const root = fakeRepo({});
    mkdirSync(path.join(root, 'clients', 'empty'), { recursive: true });
    expect(findClientsDir([root])).toBeUndefined();
    expect(() => loadPersistedDocuments(path.join(root, 'clients'))).toThrow(/npm run codegen/);
    expect(() => loadPersistedDocuments(null)).toThrow(/npm run codegen/);
  });
});
