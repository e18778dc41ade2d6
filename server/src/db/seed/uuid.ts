import { createHash } from 'node:crypto';

/** Namespace of every seeded id; changing it changes every demo id. */
export const SEED_NAMESPACE = '6f1d2c3e-8a4b-5c6d-9e7f-0a1b2c3d4e5f';

/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace: string = SEED_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Invalid namespace UUID: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The deterministic id of a seeded row: `seedId('theme', 11)`, `seedId('library', 'DK-785100')`.
 * Re-seeding produces the same ids, which is what makes the seed idempotent.
 */
export function seedId(kind: string, key: string | number): string {
  return uuidV5(`temahub:${kind}:${key}`);
}
