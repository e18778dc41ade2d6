import { BadUserInputError } from './errors.js';

/**
 * Small checks services share for partial updates, where `undefined` means "leave as it is" and
 * `null` means "clear": a required field may not be cleared.
 */
export function requiredIfGiven<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null)
    throw new BadUserInputError(`${field} cannot be cleared; leave it out to keep the current value.`, field);
  return value;
}

/** Trimmed text; empty after trimming becomes null (for optional text fields). */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
