// The transport every Temahub SDK shares. `npm run codegen` copies this file into each client's
// src/__generated__/runtime.ts (see clients/codegen/runtime-plugin.cjs), so every published
// package stands alone with no runtime dependency, while the code exists once, here.
import type { TypedDocumentString } from './graphql.js';

/** The error codes of the Temahub contract, Apollo's persisted-query code, and the SDK's own transport codes. */
export type TemahubErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** The request did not reach the server or the connection broke (see `cause`). */
  | 'NETWORK_ERROR'
  /** The server answered with an HTTP error status and no GraphQL errors (see `status`). */
  | 'HTTP_ERROR'
  /** The server answered with something that is not a GraphQL response. */
  | 'INVALID_RESPONSE'
  | (string & {});

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

/**
 * Every failure of an SDK call: GraphQL errors (code = the first error's `extensions.code`,
 * all of them in `errors`) and transport failures (NETWORK_ERROR, HTTP_ERROR, INVALID_RESPONSE).
 */
export class TemahubError extends Error {
  override readonly name = 'TemahubError';
  /** The contract's `extensions.code` of the first error, or a transport code. */
  readonly code: TemahubErrorCode;
  /** The input field the first error is about (`extensions.field`), e.g. "input.endsAt". */
  readonly field: string | undefined;
  /** Where in the result the first error happened. */
  readonly path: (string | number)[] | undefined;
  /** All GraphQL errors of the response (empty for transport failures). */
  readonly errors: GraphQLErrorEntry[];
  /** The operation that failed, e.g. "CreateActivity". */
  readonly operationName: string | undefined;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** The server's X-Request-Id: quote it when you ask the operators about a failure. */
  readonly requestId: string | undefined;
  /** Partial data the server returned alongside the errors, if any. */
  readonly data: unknown;

  constructor(
    message: string,
    details: {
      code: TemahubErrorCode;
      field?: string | undefined;
      path?: (string | number)[] | undefined;
      errors?: GraphQLErrorEntry[];
      operationName?: string | undefined;
      status?: number | undefined;
      requestId?: string | undefined;
      data?: unknown;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.field = details.field;
    this.path = details.path;
    this.errors = details.errors ?? [];
    this.operationName = details.operationName;
    this.status = details.status;
    this.requestId = details.requestId;
    this.data = details.data;
  }
}

/** How the SDK sends its persisted documents (Apollo APQ, `extensions.persistedQuery`). */
export type PersistedQueryMode =
  /** Hash and full text in one request: one round trip, works on every server (default). */
  | 'hash-and-text'
  /** Hash only; the text follows in a second request only when the server answers PERSISTED_QUERY_NOT_FOUND. */
  | 'hash-first';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. "https://temahub.example/graphql". */
  url: string;
  /** An API token; sent as "Authorization: Bearer <token>". Leave out for anonymous reading. */
  token?: string | undefined;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch | undefined;
  /** Extra headers for every request. */
  headers?: Record<string, string> | undefined;
  /** Default 'hash-and-text'. */
  persistedQueries?: PersistedQueryMode | undefined;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the empty object: true when every key of V is optional
type IsOptional<V> = {} extends V ? true : false;

/** An SDK function: variables are optional when the operation has no required variable. */
export type Operation<TResult, TVariables> =
  IsOptional<TVariables> extends true
    ? (variables?: TVariables, options?: CallOptions) => Promise<TResult>
    : (variables: TVariables, options?: CallOptions) => Promise<TResult>;

/** hash → document text, as codegen writes persisted-documents.json. */
export type PersistedDocuments = Record<string, string>;

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

const OPERATION_NAME = /(?:^|\} )(?:query|mutation|subscription) ([_A-Za-z][_0-9A-Za-z]*)/;

function isGraphQLResponse(body: unknown): body is GraphQLResponse {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

function errorFromResponse(
  body: GraphQLResponse,
  operationName: string | undefined,
  status: number,
  requestId: string | undefined,
): TemahubError {
  const errors = body.errors ?? [];
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new TemahubError(`${first?.message ?? 'Unknown error'}${more}`, {
    code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    field: first?.extensions?.field,
    path: first?.path,
    errors,
    operationName,
    status,
    requestId,
    data: body.data ?? undefined,
  });
}

/**
 * Returns `operation(document)`, which turns a generated persisted document into an SDK
 * function. Each call POSTs `{ operationName, variables, extensions: { persistedQuery } }`
 * (plus `query` unless the mode is 'hash-first'), resolves with `data`, and throws a
 * TemahubError for any GraphQL error or transport failure.
 */
export function createTransport(options: ClientOptions, documents: PersistedDocuments) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const mode = options.persistedQueries ?? 'hash-and-text';
  if (typeof doFetch !== 'function') {
    throw new TypeError('No fetch available: pass `fetch` to createClient (Node 18+ and browsers have one).');
  }

  async function post(body: Record<string, unknown>, operationName: string | undefined, call: CallOptions | undefined) {
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...call?.headers,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(body),
        ...(call?.signal ? { signal: call.signal } : {}),
      });
    } catch (cause) {
      throw new TemahubError(`Could not reach Temahub at ${options.url}: ${(cause as Error)?.message ?? cause}`, {
        code: 'NETWORK_ERROR',
        operationName,
        cause,
      });
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch (cause) {
      const code = response.ok ? 'INVALID_RESPONSE' : 'HTTP_ERROR';
      throw new TemahubError(`Temahub answered HTTP ${response.status} without a GraphQL response.`, {
        code,
        operationName,
        status: response.status,
        requestId,
        cause,
      });
    }
    if (!isGraphQLResponse(parsed)) {
      const code = response.ok ? 'INVALID_RESPONSE' : 'HTTP_ERROR';
      throw new TemahubError(`Temahub answered HTTP ${response.status} without a GraphQL response.`, {
        code,
        operationName,
        status: response.status,
        requestId,
      });
    }
    return { body: parsed, status: response.status, requestId };
  }

  return function operation<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
  ): Operation<TResult, TVariables> {
    const key = (document as unknown as { __meta__?: { hash?: string } }).__meta__?.hash;
    const text = key === undefined ? undefined : documents[key];
    if (key === undefined || text === undefined) {
      throw new TypeError('This document is not in the persisted documents manifest: run `npm run codegen`.');
    }
    const sha256Hash = key.replace(/^sha256:/, '');
    const operationName = OPERATION_NAME.exec(text)?.[1];
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const run = async (variables?: TVariables, call?: CallOptions): Promise<TResult> => {
      const base = { operationName, variables: variables ?? {}, extensions };
      let result = await post(mode === 'hash-first' ? base : { ...base, query: text }, operationName, call);
      if (
        mode === 'hash-first' &&
        result.body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
      ) {
        result = await post({ ...base, query: text }, operationName, call);
      }
      const { body, status, requestId } = result;
      if (body.errors?.length) throw errorFromResponse(body, operationName, status, requestId);
      if (body.data === undefined || body.data === null) {
        throw new TemahubError('Temahub answered without data or errors.', {
          code: 'INVALID_RESPONSE',
          operationName,
          status,
          requestId,
        });
      }
      return body.data as TResult;
    };
    return run as Operation<TResult, TVariables>;
  };
}
