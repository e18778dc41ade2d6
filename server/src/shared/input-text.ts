import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { BadUserInputError } from './errors.js';

/** Half of a UTF-16 surrogate pair on its own: JSON.parse makes one from `"\ud800"`. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text of an argument as the server works with it: in Unicode normalisation form NFC (so that "å"
 * typed as a + ring is the same text, length and search term as "å"). A lone surrogate cannot be
 * stored as UTF-8 (the database driver would silently turn it into U+FFFD), so it is refused
 * with BAD_USER_INPUT naming `field`.
 */
export function cleanText(value: string, field: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new BadUserInputError(
      `${field} contains a lone surrogate (half of a UTF-16 pair, such as \\ud800 on its own), which is not text; send valid Unicode.`,
      field,
    );
  }
  return value.normalize('NFC');
}

function cleanValue(value: unknown, field: string): unknown {
  if (typeof value === 'string') return cleanText(value, field);
  if (Array.isArray(value)) return value.map((item) => cleanValue(item, field));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanValue(item, `${field}.${key}`)]));
  }
  return value;
}

/**
 * Cleans the text in every argument before any resolver sees it (`cleanText`): fields named as the
 * client wrote them (`input.venue.name`). Only fields that take arguments are wrapped, so plain
 * fields keep graphql-js's default resolver.
 */
export function withCleanTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) =>
        resolve(
          source,
          Object.fromEntries(Object.entries(args).map(([name, value]) => [name, cleanValue(value, name)])),
          context,
          info,
        );
    }
  }
  return schema;
}
