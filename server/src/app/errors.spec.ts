import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { maskError } from './errors.js';

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
