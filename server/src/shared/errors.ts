/** The error codes of the public contract (extensions.code). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** A foreseeable failure whose message is written for the client. */
export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'bad-input'
    | 'unauthenticated'
    | 'forbidden'
    | 'not-found'
    | 'conflict'
    | 'rate-limited'
    | 'too-complex'
    | 'unavailable';
  /** The input field the error is about, as the client named it (e.g. `input.endsAt`). */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    if (field !== undefined) this.field = field;
  }
}

export class BadUserInputError extends DomainError {
  readonly kind = 'bad-input' as const;
}
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
  constructor(
    message = 'Missing, unknown or revoked API token. Send a valid token as "Authorization: Bearer <token>".',
  ) {
    super(message);
  }
}
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}
export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
export class QueryTooComplexError extends DomainError {
  readonly kind = 'too-complex' as const;
}
/** Retry-After of a SERVICE_UNAVAILABLE answer. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached or did not answer in time: the whole answer is HTTP 503. */
export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
  /** Seconds a client should wait before it tries again (the Retry-After header). */
  readonly retryAfterSeconds = SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS;
  constructor(
    message = 'The service is temporarily unavailable: the database did not answer in time. Try again shortly.',
  ) {
    super(message);
  }
}

/** The one place where domain errors meet the contract's codes; fails to compile when a kind is missing. */
export function errorCodeOf(error: DomainError): ErrorCode {
  switch (error.kind) {
    case 'bad-input':
      return 'BAD_USER_INPUT';
    case 'unauthenticated':
      return 'UNAUTHENTICATED';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'not-found':
      return 'NOT_FOUND';
    case 'conflict':
      return 'CONFLICT';
    case 'rate-limited':
      return 'RATE_LIMITED';
    case 'too-complex':
      return 'QUERY_TOO_COMPLEX';
    case 'unavailable':
      return 'SERVICE_UNAVAILABLE';
    default: {
      const unmapped: never = error.kind;
      throw new Error(`unmapped error kind ${String(unmapped)}`);
    }
  }
}

/**
 * The HTTP status of a domain error answered before GraphQL executes (authentication, limits):
 * errors from resolvers travel in a 200 response, as GraphQL over HTTP has it.
 */
export function httpStatusOf(error: DomainError): number {
  switch (error.kind) {
    case 'bad-input':
    case 'too-complex':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'rate-limited':
      return 429;
    case 'unavailable':
      return 503;
    default: {
      const unmapped: never = error.kind;
      throw new Error(`unmapped error kind ${String(unmapped)}`);
    }
  }
}

/**
 * SQLSTATEs of a database that cannot be reached or does not answer in time: class 08
 * (connection exception; db/pg-driver.ts gives connect failures and timeouts 08001), 57014
 * (query_canceled: statement_timeout, or no answer at all), 57P01–57P03 (shutting down, cannot
 * connect now) and 53300 (too many connections).
 */
function isUnavailable(code: string): boolean {
  return (
    code.startsWith('08') ||
    code === '57014' ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300'
  );
}

/** SQLSTATE codes of integrity violations raised by the database. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
const NOT_NULL_VIOLATION = '23502';
const INVALID_TEXT_REPRESENTATION = '22P02';
const CHARACTER_NOT_IN_REPERTOIRE = '22021';
const NUMERIC_VALUE_OUT_OF_RANGE = '22003';
const STRING_DATA_RIGHT_TRUNCATION = '22001';

/**
 * Last line of defence: an integrity violation that a service did not foresee becomes a
 * client error without naming tables or constraints, and an unreachable or unanswering database
 * SERVICE_UNAVAILABLE. Returns undefined for anything else.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && isUnavailable(code)) return new ServiceUnavailableError();
  switch (code) {
    case UNIQUE_VIOLATION:
      return new ConflictError('This would create a duplicate of something that already exists.');
    case FOREIGN_KEY_VIOLATION:
      return new BadUserInputError('The input refers to something that does not exist.');
    case CHECK_VIOLATION:
    case NOT_NULL_VIOLATION:
      return new BadUserInputError('The input breaks a rule of the data model.');
    case INVALID_TEXT_REPRESENTATION:
      return new BadUserInputError('The input contains a malformed value.');
    case CHARACTER_NOT_IN_REPERTOIRE:
      return new BadUserInputError(
        'The input contains a character that cannot be stored, such as a NUL byte (\\u0000).',
      );
    case NUMERIC_VALUE_OUT_OF_RANGE:
      return new BadUserInputError('The input contains a number that is too large.');
    case STRING_DATA_RIGHT_TRUNCATION:
      return new BadUserInputError('The input contains a text that is too long.');
    default:
      return undefined;
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
