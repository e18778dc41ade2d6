/**
 * Loader keys are compared case-insensitively: ids are UUIDs, which clients may send in capitals,
 * while the database returns them in lower case.
 */
function normalized<K>(key: K): unknown {
  return typeof key === 'string' ? key.toLowerCase() : key;
}

/** Orders loaded rows by the requested keys; a missing key gives null. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<unknown, T>();
  for (const row of rows) map.set(normalized(keyOf(row)), row);
  return keys.map((k) => map.get(normalized(k)) ?? null);
}

/** Groups loaded rows by the requested keys; a key with no rows gives []. Keeps row order. */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<unknown, T[]>();
  for (const row of rows) {
    const k = normalized(keyOf(row));
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(row);
  }
  return keys.map((k) => map.get(normalized(k)) ?? []);
}
