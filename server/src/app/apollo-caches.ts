import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/**
 * Apollo keeps two in-process caches that any client can fill with distinct documents: parsed
 * and validated documents (by the hash of their text) and the texts registered through automatic
 * persisted queries. By default each holds 30 MiB, counted as JSON length; but a parsed document
 * (its nodes, locations and tokens) takes about 4 times its JSON on the heap, so the two caches
 * could grow the heap by some 150 MB. Both are bounded here by what they really take.
 */
export const DOCUMENT_STORE_HEAP_BYTES = 16 * 2 ** 20;
export const APQ_CACHE_BYTES = 8 * 2 ** 20;
/** Heap bytes of a parsed document per byte of its JSON (measured on graphql 16: 4.2). */
export const DOCUMENT_HEAP_PER_JSON_BYTE = 5;

/** The `documentStore` and `cache` options of ApolloServer. */
export function boundedApolloCaches(): {
  documentStore: InMemoryLRUCache<DocumentNode>;
  cache: InMemoryLRUCache<string>;
} {
  return {
    documentStore: new InMemoryLRUCache<DocumentNode>({
      maxSize: DOCUMENT_STORE_HEAP_BYTES,
      sizeCalculation: (document) => InMemoryLRUCache.sizeCalculation(document) * DOCUMENT_HEAP_PER_JSON_BYTE,
    }),
    // Strings: two bytes per character at most.
    cache: new InMemoryLRUCache<string>({ maxSize: APQ_CACHE_BYTES, sizeCalculation: (text) => 2 * text.length }),
  };
}
