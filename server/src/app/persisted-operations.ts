import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../shared/context.js';
import { ForbiddenError } from '../shared/errors.js';
import { rejectBeforeExecution } from './errors.js';

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
export function findClientsDir(
  starts: string[] = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))],
): string | undefined {
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
  if (files.length === 0)
    throw new PersistedDocumentsError(
      `No persisted-documents.json under ${clientsDir}/*/src/__generated__/: run \`npm run codegen\`.`,
    );
  const byHash = new Map<string, string>();
  for (const file of files) {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, text] of Object.entries(manifest)) {
      const hash = key.replace(/^sha256:/, '');
      if (typeof text !== 'string' || sha256(text) !== hash) {
        throw new PersistedDocumentsError(
          `${file}: the entry ${key} is not the sha256 of its document; regenerate with \`npm run codegen\`.`,
        );
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
  return (
    !!operation &&
    operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))
  );
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
          // A client's mistake, not the server's: 403 like any FORBIDDEN before execution.
          if (!documents.byHash.has(queryHash) && !isIntrospectionOnly(operation))
            rejectBeforeExecution(new ForbiddenError(NOT_PUBLISHED));
        },
      };
    },
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What is wrong with an Apollo APQ `persistedQuery` extension, as a GraphQL error body; undefined when nothing is. */
export function persistedQueryProblem(
  persisted: unknown,
): { message: string; extensions: { code: string; field?: string } } | undefined {
  if (persisted === undefined) return undefined;
  const given = persisted as { version?: unknown; sha256Hash?: unknown } | null;
  if (typeof given !== 'object' || given === null || Array.isArray(given) || given.version !== 1) {
    return {
      message:
        'Only version 1 of persisted queries is supported: send extensions.persistedQuery as { "version": 1, "sha256Hash": "<sha256 of the document, 64 hex digits>" }.',
      extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
    };
  }
  if (typeof given.sha256Hash !== 'string' || !SHA256_HEX.test(given.sha256Hash)) {
    return {
      message:
        'extensions.persistedQuery.sha256Hash must be the sha256 of the document as 64 lowercase hexadecimal digits.',
      extensions: { code: 'BAD_USER_INPUT', field: 'extensions.persistedQuery.sha256Hash' },
    };
  }
  return undefined;
}

/**
 * Express middleware for /graphql, after the body is parsed: a malformed Apollo APQ extension
 * (not version 1: PERSISTED_QUERY_NOT_SUPPORTED; a hash that is not sha256 hex: BAD_USER_INPUT)
 * is answered with HTTP 400 before Apollo looks at it (which would answer 500).
 */
export function persistedQueryShape(req: Request, res: Response, next: NextFunction): void {
  let extensions: unknown = (req.body as { extensions?: unknown } | undefined)?.extensions;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.extensions;
  if (extensions === undefined && typeof fromQuery === 'string') {
    try {
      extensions = JSON.parse(fromQuery);
    } catch {
      return next(); // Apollo answers malformed JSON in the query string
    }
  }
  const problem =
    typeof extensions === 'object' && extensions !== null
      ? persistedQueryProblem((extensions as { persistedQuery?: unknown }).persistedQuery)
      : undefined;
  if (!problem) return next();
  res.status(400).json({ errors: [problem] });
}

/**
 * Apollo answers an unknown APQ hash with PERSISTED_QUERY_NOT_FOUND and HTTP 200; it is the
 * client's to resend the text, so HTTP 400 as for other client errors (APQ clients read the
 * code from either).
 */
export const persistedQueryNotFoundStatusPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') response.http.status = 400;
      },
    };
  },
};

/** The names of the published SDK operations (for the bounded operation label of the metrics); none when the manifests are missing. */
export function sdkOperationNames(documents: PersistedDocuments | undefined = loadIfPresent()): Set<string> {
  const names = new Set<string>();
  for (const text of documents?.byHash.values() ?? []) {
    for (const definition of parse(text, { noLocation: true }).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
    }
  }
  return names;
}

function loadIfPresent(): PersistedDocuments | undefined {
  const clientsDir = findClientsDir();
  return clientsDir ? loadPersistedDocuments(clientsDir) : undefined;
}
