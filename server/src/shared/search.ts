import { BadUserInputError } from './errors.js';

/** The longest free-text search any list accepts. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Cleans a free-text search argument: at most MAX_SEARCH_LENGTH characters (else BAD_USER_INPUT
 * on `field`), control characters become spaces, surrounding blanks go; blank means no search.
 */
export function normalizeSearch(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(
      `"${field}" may be at most ${MAX_SEARCH_LENGTH} characters; shorten the search.`,
      field,
    );
  }
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return cleaned.length ? cleaned : undefined;
}
