import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { maskError } from './errors.js';

const OPTIONS = { hideSuggestions: true };

describe('maskError', () => {
  it("maps type-graphql's ArgumentValidationError to BAD_USER_INPUT naming the first failing field", () => {
    const error = new ArgumentValidationError([
      { property: 'filter', children: [{ property: 'search', constraints: { maxLength: 'search must be at most 200 characters' }, children: [] }] },
    ] as never);
    const formatted = { message: error.message, path: ['libraries'], extensions: { ...error.extensions } };
    const { formatted: masked, unexpected } = maskError(formatted, new GraphQLError(error.message, { originalError: error, path: ['libraries'] }), OPTIONS);
    expect(unexpected).toBe(false);
    expect(masked).toMatchObject({
      message: 'filter.search: search must be at most 200 characters',
      path: ['libraries'],
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' },
    });
    expect(masked.extensions).not.toHaveProperty('validationErrors');
  });

  it('hides everything unexpected behind INTERNAL_SERVER_ERROR', () => {
    const { formatted, unexpected } = maskError({ message: 'relation "x" does not exist' }, new Error('relation "x" does not exist'), OPTIONS);
    expect(unexpected).toBe(true);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toContain('relation');
  });
});
