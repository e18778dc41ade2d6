import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_HEADER =
  '# Generated from the server code by `npm run schema`. Do not edit: change the code and regenerate.\n\n';

/** The committed SDL: sorted so that it changes only when the schema does. */
export function schemaToSdl(schema: GraphQLSchema): string {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
