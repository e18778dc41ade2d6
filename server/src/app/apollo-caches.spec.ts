import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  APQ_CACHE_BYTES,
  boundedApolloCaches,
  DOCUMENT_HEAP_PER_JSON_BYTE,
  DOCUMENT_STORE_HEAP_BYTES,
} from './apollo-caches.js';

/** A distinct document, as a client varying literals would send. */
const document = (i: number) =>
  // about 3.5 KB as JSON
  `query Q${i} { activities(first: ${i % 100}, filter: { search: "natur ${i}" }) { totalCount edges { node { id title startsAt library { name municipality { name code } } partners { name } } } } }`;

describe('Apollo`s document store and APQ cache', () => {
  it('keeps parsed documents up to their heap footprint: about 1,000 of these, not the 9,000 that the default 30 MiB of JSON would hold', async () => {
    const { documentStore } = boundedApolloCaches();
    const json = Buffer.byteLength(JSON.stringify(parse(document(0))));
    const fits = Math.floor(DOCUMENT_STORE_HEAP_BYTES / (json * DOCUMENT_HEAP_PER_JSON_BYTE));
    expect(fits).toBeGreaterThan(500); // far more than the SDK's operations
    for (let i = 0; i < 3 * fits; i++) await documentStore.set(String(i), parse(document(i)));
    let kept = 0;
    for (let i = 0; i < 3 * fits; i++) if (await documentStore.get(String(i))) kept++;
    expect(kept).toBeGreaterThan(fits * 0.9);
    expect(kept).toBeLessThanOrEqual(fits * 1.1);
    expect(await documentStore.get(String(3 * fits - 1))).toBeDefined(); // least recently used out first
    expect(await documentStore.get('0')).toBeUndefined();
  });

  it('keeps APQ texts up to 8 MiB at two bytes a character', async () => {
    const { cache } = boundedApolloCaches();
    const text = 'æ'.repeat(100_000);
    for (let i = 0; i < 100; i++) await cache.set(String(i), text);
    let kept = 0;
    for (let i = 0; i < 100; i++) if (await cache.get(String(i))) kept++;
    expect(kept).toBe(Math.floor(APQ_CACHE_BYTES / (2 * text.length)));
  });
});
