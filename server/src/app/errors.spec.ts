import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import {
  ForbiddenError,
  ServiceUnavailableError,
  UnauthenticatedError,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../shared/errors.js';
import { httpErrorAnswer, maskError } from './errors.js';

const OPTIONS = { hideSuggestions: true };

describe('maskError', () => {
  it("maps type-graphql's ArgumentValidationError to BAD_USER_INPUT naming the first failing field", () => {
    const error = new ArgumentValidationError([
      {
        property: 'filter',
        children: [
          { property: 'search', constraints: { maxLength: 'search must be at most 200 characters' }, children: [] },
        ],
      },
    ] as never);
    const formatted = { message: error.message, path: ['libraries'], extensions: { ...error.extensions } };
    const { formatted: masked, unexpected } = maskError(
      formatted,
      new GraphQLError(error.message, { originalError: error, path: ['libraries'] }),
      OPTIONS,
    );
    expect(unexpected).toBe(false);
    expect(masked).toMatchObject({
      message: 'filter.search: search must be at most 200 characters',
      path: ['libraries'],
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' },
    });
    expect(masked.extensions).not.toHaveProperty('validationErrors');
  });

  it('hides everything unexpected behind INTERNAL_SERVER_ERROR', () => {
    const { formatted, unexpected } = maskError(
      { message: 'relation "x" does not exist' },
      new Error('relation "x" does not exist'),
      OPTIONS,
    );
    expect(unexpected).toBe(true);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toContain('relation');
  });

  it('maps an unreachable or unanswering database (SQLSTATE class 08, 57014, 57P01–03, 53300) to SERVICE_UNAVAILABLE, without its message', () => {
    for (const code of ['08001', '08006', '57014', '57P01', '57P03', '53300']) {
      const error = Object.assign(new Error(`connection to 10.0.0.5 failed (${code})`), { code });
      const { formatted, unexpected } = maskError({ message: error.message, path: ['theme'] }, error, OPTIONS);
      expect(unexpected).toBe(false);
      expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(formatted.message).not.toContain('10.0.0.5');
    }
    // Node's own network codes are not SQLSTATEs: the database layer turns them into 08001 first.
    expect(
      maskError({ message: 'x' }, Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), OPTIONS).formatted
        .extensions,
    ).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('httpErrorAnswer (the feeds, the report download and the HTTP error handler)', () => {
  const unavailable = {
    status: 503,
    headers: [
      ['retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)],
      ['cache-control', 'no-store'],
    ],
  };
  /** What node-postgres throws: an Error carrying the SQLSTATE in `code`. */
  const databaseError = (code: string) => Object.assign(new Error(`database says ${code}`), { code });

  it.each([
    ['a ServiceUnavailableError', new ServiceUnavailableError()],
    ['a broken connection (SQLSTATE 08006)', databaseError('08006')],
    ['a statement timeout (SQLSTATE 57014)', databaseError('57014')],
    ['too many connections (SQLSTATE 53300)', databaseError('53300')],
  ])('answers %s with 503, Retry-After and the service-unavailable message', (_name, error) => {
    const answer = httpErrorAnswer(error);
    expect(answer).toMatchObject(unavailable);
    expect(answer.error).toBeInstanceOf(ServiceUnavailableError);
    expect(answer.error!.message).toMatch(/temporarily unavailable/);
  });

  it('keeps the status and message of a domain error and of a database error with a client meaning', () => {
    expect(httpErrorAnswer(new ForbiddenError('Not yours.'))).toMatchObject({
      status: 403,
      headers: [['cache-control', 'no-store']],
      error: { message: 'Not yours.' },
    });
    expect(httpErrorAnswer(databaseError('23505'))).toMatchObject({
      status: 409,
      headers: [['cache-control', 'no-store']],
      error: { message: 'This would create a duplicate of something that already exists.' },
    });
  });

  it('asks for a WWW-Authenticate challenge on UNAUTHENTICATED', () => {
    expect(httpErrorAnswer(new UnauthenticatedError())).toMatchObject({
      status: 401,
      headers: [
        ['www-authenticate', 'Bearer'],
        ['cache-control', 'no-store'],
      ],
    });
  });

  it('masks everything else as a 500 without the error, for the caller to log', () => {
    const answer = httpErrorAnswer(new Error('relation "x" does not exist'));
    expect(answer).toEqual({ status: 500, headers: [['cache-control', 'no-store']] });
    expect(httpErrorAnswer(undefined)).toEqual({ status: 500, headers: [['cache-control', 'no-store']] });
  });
});
