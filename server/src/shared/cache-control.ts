import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/**
 * Apollo Server's `@cacheControl` directive, declared so that type-graphql's `@Directive(...)`
 * can attach it to types and fields. type-graphql copies `@Directive` into each type's and
 * field's `astNode`, and Apollo's cache-control plugin (on by default) reads hints from there;
 * the declaration itself makes the schema honest for tools that read directive usages.
 */
export const CacheControlScopeEnum = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'PUBLIC responses may be stored by shared caches; PRIVATE only by the caller.',
  values: { PUBLIC: {}, PRIVATE: {} },
});

export const CacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long (seconds) a type or field may be cached; the response gets the smallest maxAge it contains.',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: CacheControlScopeEnum },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** The hints used across the schema, as `@Directive` arguments, so the ages live in one place. */
export const CACHE = {
  /** Regions and municipalities: change with legislation. */
  reference: '@cacheControl(maxAge: 3600)',
  /** Themes, libraries, partners, materials: edited now and then by coordinators. */
  catalogue: '@cacheControl(maxAge: 300)',
  /** Activities and lists of them: edited by library staff during a season. */
  activity: '@cacheControl(maxAge: 60)',
  /** Small value types (images, positions, page info, edges): as cacheable as their parent. */
  inherit: '@cacheControl(inheritMaxAge: true)',
} as const;
