import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { rewriteCompiledSource, withRewrittenSource } from './compiled-source.js';
import { infoFreeResolverNames } from './direct-resolvers.js';

/**
 * Compiled execution (graphql-jit) behind Apollo Server. Apollo parses, validates, runs every
 * plugin hook and formats errors as before; only the execution of a validated document is
 * replaced: each document is compiled once into plain JavaScript for the schema, and every later
 * request with it runs that function instead of graphql-js's interpreter, which walks the
 * document and allocates a promise for every field of every row (about 1,000 fields on a theme
 * page). Resolvers, argument coercion, scalars and null bubbling are graphql-jit's re-implementation
 * of the specification's algorithm; the whole test suite runs on it.
 *
 * Apollo Server 5 has no executor option: the supported way to replace execution is its gateway
 * interface, which hands the schema to Apollo and receives the executor. That is what this is,
 * with a schema that never changes.
 */

/** What Apollo hands the executor: the validated document, its operation and the request. */
interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  /** The client's request: `operationName` as the client asked for it (Apollo's own is null when none matched). */
  request: { variables?: Record<string, unknown>; operationName?: string | null };
  context: unknown;
}

/** Compiled documents kept (least recently used first out); Apollo's own document cache is bounded alike. */
const MAX_COMPILED_DOCUMENTS = 1_000;

/**
 * graphql-jit's errors look like graphql-js's but lack what Apollo and maskError rely on (their
 * `extensions` may be undefined): each becomes a graphql-js GraphQLError with the same message,
 * locations, path, extensions and original error.
 */
function asGraphqlError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

export interface CompiledExecution {
  /** Apollo's gateway interface (pass as `gateway` instead of `schema`). */
  onSchemaLoadOrUpdate(callback: (schema: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void): () => void;
  load(): Promise<{ executor: (request: ExecutionRequest) => Promise<ExecutionResult> }>;
  stop(): Promise<void>;
}

export function compiledExecution(schema: GraphQLSchema, sdl: string): CompiledExecution {
  /** By document (Apollo keeps one parsed document per query text), then by operation name. */
  const compiled = new Map<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const infoFree = infoFreeResolverNames(schema);
  const rewrite = (source: string) => rewriteCompiledSource(source, infoFree);

  function compile(document: DocumentNode, operationName: string): CompiledQuery | ExecutionResult {
    let byOperation = compiled.get(document);
    if (byOperation) {
      // Touched: moved to the end of the map's order, so the oldest is dropped first.
      compiled.delete(document);
      compiled.set(document, byOperation);
    } else {
      byOperation = new Map();
      compiled.set(document, byOperation);
      if (compiled.size > MAX_COMPILED_DOCUMENTS) compiled.delete(compiled.keys().next().value!);
    }
    let query = byOperation.get(operationName);
    if (!query) {
      // Generated code without allocations it makes for errors that do not happen (compiled-source.ts).
      query = withRewrittenSource(rewrite, () =>
        compileQuery(schema, document, operationName || undefined, {
          // Apollo formats errors without stacks; capturing one per error is wasted work.
          disablingCapturingStackErrors: true,
        }),
      );
      byOperation.set(operationName, query);
    }
    return query;
  }

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => {};
    },
    load() {
      return Promise.resolve({
        executor: async ({ document, operationName, request, context }) => {
          // The name the client asked for: with a name the document lacks, Apollo's operationName
          // is null, and compiling without one would run the document's only operation.
          const name = request.operationName ?? operationName ?? undefined;
          const query = compile(document, name ?? '');
          const variables = request.variables ?? {};
          const result = isCompiledQuery(query) ? await query.query(undefined, context, variables) : query;
          if (!result.errors) return result;
          // Refused before execution (variables that do not coerce): graphql-js answers, with its
          // messages (the scalar's own reason) and the error nodes Apollo reads as BAD_USER_INPUT.
          // No resolver has run, and none runs now: graphql-js refuses the same variables.
          if (result.data === undefined)
            return execute({ schema, document, operationName: name, contextValue: context, variableValues: variables });
          return { ...result, errors: result.errors.map(asGraphqlError) };
        },
      });
    },
    stop() {
      return Promise.resolve();
    },
  };
}
