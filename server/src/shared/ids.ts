import { BadUserInputError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else cannot name a row (and must not reach SQL as a uuid). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The one rule for an id a client sends: a malformed one is BAD_USER_INPUT naming `field`
 * (the client made a mistake it can fix), whereas a well-formed id that names nothing is left
 * to the caller (NOT_FOUND for a top-level argument, BAD_USER_INPUT inside an input). Returns
 * the id in lower case: UUIDs are case-insensitive and tokens store library ids in lower case.
 * `what` names the kind of object in the message, e.g. "theme".
 */
export function checkId(id: string, field: string, what: string): string {
  if (!isUuid(id))
    throw new BadUserInputError(
      `"${field}" is not ${withArticle(what)} id; ids are UUIDs as returned by this API.`,
      field,
    );
  return id.toLowerCase();
}

const withArticle = (what: string) => `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;

/** `checkId` for a list of ids: the first malformed one is named in the message; duplicates are dropped. */
export function checkIds(ids: readonly string[], field: string, what: string): string[] {
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) {
    throw new BadUserInputError(
      `"${bad.slice(0, 60)}" in "${field}" is not ${withArticle(what)} id; ids are UUIDs as returned by this API.`,
      field,
    );
  }
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}
