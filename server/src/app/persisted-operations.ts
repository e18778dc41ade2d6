import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../shared/context.js';
import { ForbiddenError } from '../shared/errors.js';

/**
 * The published SDK operations (persisted documents): sha256 hex of the document text → text.
 * Read from the manifests that `npm run codegen` writes for each client package.
 */
export interface PersistedDocuments {
  byHash: ReadonlyMap<string, string>;
  /** The manifest files they came from (for the start-up log). */
  files: string[];
}

const MANIFEST = path.join('src', '__generated__', 'persisted-documents.json');

export class PersistedDocumentsError extends Error {}

/**
 * The nearest directory, from each start upwards, that has client packages with a manifest.
 * Starts from the working directory, then from this module's own location, so that the server
 * finds the repository's clients/ from `server/src/app` and from `dist/server/src/app` alike.
 */
export function findClientsDir(starts: string[] = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))]): string | undefined {
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const clients = path.join(dir, 'clients');
      if (existsSync(clients) && manifestFiles(clients).length > 0) return clients;
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

function manifestFiles(clientsDir: string): string[] {
  return readdirSync(clientsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(clientsDir, entry.name, MANIFEST))
    .filter((file) => existsSync(file))
    .sort();
}

/**
 * Loads the union of the clients' manifests. Each entry's key must be the sha256 of its text
 * (codegen writes `sha256:<hex>`; plain hex is accepted too), so a hand-edited manifest fails at
 * start rather than letting a document through under a wrong hash.
 */
export function loadPersistedDocuments(clientsDir: string | null = findClientsDir() ?? null): PersistedDocuments {
  if (!clientsDir) {
    throw new PersistedDocumentsError(
      'PERSISTED_OPERATIONS=safelist needs the client manifests clients/*/src/__generated__/persisted-documents.json (run `npm run codegen`), and none were found from the working directory.',
    );
  }
  const files = manifestFiles(clientsDir);
  if (files.length === 0) throw new PersistedDocumentsError(`No persisted-documents.json under ${clientsDir}/*/src/__generated__/: run \`npm run codegen\`.`);
  const byHash = new Map<string, string>();
  for (const file of files) {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, text] of Object.entries(manifest)) {
      const hash = key.replace(/^sha256:/, '');
      if (typeof text !== 'string' || sha256(text) !== hash) {
        throw new PersistedDocumentsError(`${file}: the entry ${key} is not the sha256 of its document; regenerate with \`npm run codegen\`.`);
      }
      byHash.set(hash, text);
    }
  }
  return { byHash, files };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const NOT_PUBLISHED =
  'Anonymous callers may run only the operations of the published Temahub SDKs (persisted documents), and this document is not one of them. ' +
  'Use an SDK operation unchanged (as text, or by its sha256 in extensions.persistedQuery), or send an API token ("Authorization: Bearer <token>") to run your own queries.';

/** True when the operation asks only for introspection (`__schema`, `__type`, `__typename`) at its root. */
function isIntrospectionOnly(operation: OperationDefinitionNode | undefined): boolean {
  return !!operation && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * Safelist mode for anonymous callers. A request with only `extensions.persistedQuery.sha256Hash`
 * (Apollo APQ) gets the document text from the manifests before Apollo looks in its own APQ
 * cache; an unknown hash then ends as Apollo's PERSISTED_QUERY_NOT_FOUND. Once the document is
 * parsed and validated, an anonymous caller's document whose hash is not in the manifests is
 * refused with FORBIDDEN before anything executes. Introspection stays open (the schema is
 * public and partners' tools read it). Callers with a valid token are not limited.
 */
export function persistedOperationsPlugin(documents: PersistedDocuments): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      if (request.query === undefined && typeof persisted?.sha256Hash === 'string') {
        const text = documents.byHash.get(persisted.sha256Hash);
        // Apollo still checks the hash against this text, as for any APQ request with a query.
        if (text !== undefined) request.query = text;
      }
      if (contextValue.viewer.role) return;
      return {
        async didResolveOperation({ queryHash, operation }) {
          if (!documents.byHash.has(queryHash) && !isIntrospectionOnly(operation)) throw new ForbiddenError(NOT_PUBLISHED);
        },
      };
    },
  };
}
