import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HeaderMap } from '@apollo/server';
import {
  DomainError,
  domainErrorFromDatabase,
  errorCodeOf,
  httpStatusOf,
  ServiceUnavailableError,
  type ErrorCode,
} from '../shared/errors.js';
import { firstValidationFailure, type ValidationFailureLike } from '../shared/validation.js';

/** Codes that graphql-js and Apollo set themselves and that may pass through unchanged. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface MaskedError {
  formatted: GraphQLFormattedError;
  /** True when the original error was unexpected and must be logged. */
  unexpected: boolean;
}

/**
 * The single place where any error becomes what a client sees: domain errors and integrity
 * violations keep a message written for people; everything else is INTERNAL_SERVER_ERROR.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { hideSuggestions: boolean },
): MaskedError {
  const unwrapped = unwrapResolverError(error);
  // Errors from the context function (authentication) arrive wrapped, without a path.
  const original =
    unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError
      ? unwrapped.originalError
      : unwrapped;
  const path = formatted.path;
  const locations = formatted.locations;
  const withCode = (code: string, message: string, field?: string): GraphQLFormattedError => ({
    message,
    ...(locations ? { locations } : {}),
    ...(path ? { path } : {}),
    extensions: { code, ...(field ? { field } : {}) },
  });

  const domain = original instanceof DomainError ? original : domainErrorFromDatabase(original);
  if (domain) {
    return { formatted: withCode(errorCodeOf(domain), domain.message, domain.field), unexpected: false };
  }

  const code = formatted.extensions?.code;
  // type-graphql's own class-validator run throws an ArgumentValidationError with the failures in
  // extensions.validationErrors. The schema switches that run off (arguments declare
  // validateInput or validateArgs, which throw BAD_USER_INPUT themselves); this stays as a net.
  const validationErrors =
    (original as { extensions?: { validationErrors?: ValidationFailureLike[] } } | undefined)?.extensions
      ?.validationErrors ?? (formatted.extensions?.validationErrors as ValidationFailureLike[] | undefined);
  if (Array.isArray(validationErrors)) {
    const failure = firstValidationFailure(validationErrors);
    return {
      formatted: withCode(
        'BAD_USER_INPUT',
        failure ? `${failure.field}: ${failure.message}` : 'Invalid input.',
        failure?.field,
      ),
      unexpected: false,
    };
  }

  const tooManyTokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitMessage(formatted.message) : undefined;
  if (tooManyTokens)
    return { formatted: { message: tooManyTokens, extensions: { code: 'QUERY_TOO_COMPLEX' } }, unexpected: false };
  if (
    typeof code === 'string' &&
    (PASS_THROUGH.has(code) || (original instanceof GraphQLError && code === 'BAD_USER_INPUT'))
  ) {
    const mapped = code === 'OPERATION_RESOLUTION_FAILURE' ? 'BAD_USER_INPUT' : code;
    let message = formatted.message;
    if (options.hideSuggestions) message = message.replace(/ ?Did you mean .*\?$/s, '');
    return { formatted: withCode(mapped, message), unexpected: false };
  }
  if (code === 'BAD_REQUEST') {
    return { formatted: withCode('BAD_USER_INPUT', formatted.message), unexpected: false };
  }
  // graphql-js errors without a code (e.g. coercion of a literal or variable) are the client's.
  if (original instanceof GraphQLError && !original.originalError && !code) {
    return { formatted: withCode('BAD_USER_INPUT', formatted.message), unexpected: false };
  }
  return {
    formatted: withCode(
      'INTERNAL_SERVER_ERROR',
      'Internal server error. The request id in the X-Request-Id header helps the operators find out what happened.',
    ),
    unexpected: true,
  };
}

/** The parser's message for a document over its `maxTokens` (Apollo `parseOptions`, MAX_QUERY_TOKENS). */
// (graphql 16 spells it "more that".)
const TOO_MANY_TOKENS = /Document contains more tha[nt] (\d+) tokens/;

/** For a parse error: the QUERY_TOO_COMPLEX message when it is the token limit, else undefined. */
function tokenLimitMessage(parseErrorMessage: string): string | undefined {
  const match = TOO_MANY_TOKENS.exec(parseErrorMessage);
  return match
    ? `The document has more than ${match[1]} tokens (names, values and punctuation); the limit is ${match[1]}. Send smaller documents: use variables, fragments or separate queries.`
    : undefined;
}

/**
 * True when an error reaching a client would be INTERNAL_SERVER_ERROR: only those are the
 * server's fault and are logged at error level with their stack. Client mistakes (domain errors,
 * integrity violations such as a NUL byte, refusals before execution) are not.
 */
export function isUnexpectedError(error: GraphQLError): boolean {
  return maskError(error.toJSON(), error, { hideSuggestions: false }).unexpected;
}

/**
 * For the context function: a domain error raised before execution (an unknown, malformed or
 * revoked token) becomes a GraphQL error that Apollo answers with the right HTTP status (401 with
 * `WWW-Authenticate: Bearer` for UNAUTHENTICATED) and that maskError maps like any other.
 */
export function rejectBeforeExecution(error: unknown): never {
  const domain = error instanceof DomainError ? error : domainErrorFromDatabase(error);
  if (domain) {
    throw new GraphQLError(domain.message, {
      originalError: domain,
      extensions: {
        code: errorCodeOf(domain),
        http: { status: httpStatusOf(domain), headers: new HeaderMap(httpHeadersOf(domain)) },
      },
    });
  }
  throw error;
}

/**
 * The HTTP headers that go with a domain error answered with its own status: `WWW-Authenticate`
 * for UNAUTHENTICATED, `Retry-After` for SERVICE_UNAVAILABLE.
 */
export function httpHeadersOf(error: DomainError): [string, string][] {
  if (error.kind === 'unauthenticated') return [['www-authenticate', 'Bearer']];
  if (error instanceof ServiceUnavailableError)
    return [
      ['retry-after', String(error.retryAfterSeconds)],
      ['cache-control', 'no-store'],
    ];
  return [];
}

/** A GraphQL-shaped error body for answers given outside GraphQL execution (HTTP middleware). */
export function errorBody(
  code: ErrorCode,
  message: string,
): { errors: { message: string; extensions: { code: ErrorCode } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/** errorBody for a domain error, with its contract code. */
export function domainErrorBody(error: DomainError): ReturnType<typeof errorBody> {
  return errorBody(errorCodeOf(error), error.message);
}

/**
 * How an error that escaped a handler outside GraphQL execution (the iCalendar feed, the report
 * download, Express's error handler) is answered over HTTP, the one mapping for all of them: a
 * domain error, or a database error with a meaning for the client, keeps its status, headers and
 * message (a broken or hung database is 503 SERVICE_UNAVAILABLE with Retry-After); anything else is
 * a 500 whose detail stays in the log (`error` is undefined: the caller logs it). Error answers are
 * never stored by caches. Each caller writes the body in its own format (plain text or JSON).
 */
export interface HttpErrorAnswer {
  status: number;
  headers: [string, string][];
  /** The error the client may read; undefined when the error was unexpected and must be logged. */
  error?: DomainError;
}

export function httpErrorAnswer(error: unknown): HttpErrorAnswer {
  const domain = error instanceof DomainError ? error : domainErrorFromDatabase(error);
  const noStore: [string, string] = ['cache-control', 'no-store'];
  if (!domain) return { status: 500, headers: [noStore] };
  const headers = httpHeadersOf(domain).filter(([name]) => name !== 'cache-control');
  return { status: httpStatusOf(domain), headers: [...headers, noStore], error: domain };
}
