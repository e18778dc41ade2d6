/** A class as the app registers it: a type-graphql resolver or a TypeORM entity. */
export type Class = abstract new (...args: never[]) => unknown;

/**
 * What each feature's index.ts exports for the app to assemble (app/schema.ts): its GraphQL
 * resolvers and its TypeORM entities, either list possibly empty.
 */
export interface FeatureRegistration {
  resolvers: readonly Class[];
  entities: readonly Class[];
}
