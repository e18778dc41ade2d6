import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Field resolvers without type-graphql's per-call layer, where that layer does nothing.
 *
 * type-graphql wraps every @FieldResolver in a function that, on every call, looks the resolver
 * class's instance up in its container (a linear search), sorts the parameter metadata, maps it
 * to values and checks each for a promise. A field resolved once per row of a page (an
 * activity's library, partners, theme; a library's municipality) pays that 50 times per page,
 * and the sort allocates each time. For a resolver whose parameters are only @Root(), @Ctx()
 * and @Info(), with no middleware and no @Authorized roles, that work has a fixed answer: this
 * replaces its resolve function with one that calls the method with the same arguments,
 * decided once. Resolvers with arguments, validation, middlewares or roles keep type-graphql's
 * own resolver, and so does any call whose root is not an instance of the declared root type
 * (type-graphql would convert it).
 */

/** The parts of type-graphql's built metadata read here (its types are not exported). */
interface ParamMetadata {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}
interface FieldResolverMetadata {
  kind: 'internal' | 'external';
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  methodName: string;
  schemaName: string;
  getObjectType?: () => unknown;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
}
interface FieldMetadata {
  target: unknown;
  name: string;
  schemaName: string;
  roles?: unknown[];
  middlewares?: unknown[];
}
interface ObjectTypeMetadata {
  target: unknown;
  name: string;
  fields?: FieldMetadata[];
  interfaceClasses?: unknown[];
}

const DIRECT_KINDS = new Set(['root', 'context', 'info']);

/** The resolve functions this module installed (for tests and diagnostics). */
export const directResolvers = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

/** Those of them that never read their `info` argument (their method takes only the parent and the context). */
const infoFreeResolvers = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

/**
 * The fields whose resolver never reads `info`, named as graphql-jit names their resolvers
 * (`${type}${field}Resolver`); a name two fields share is left out unless both qualify.
 */
export function infoFreeResolverNames(schema: GraphQLSchema): ReadonlySet<string> {
  const names = new Map<string, boolean>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) continue;
      const name = `${type.name}${field.name}Resolver`;
      names.set(name, (names.get(name) ?? true) && infoFreeResolvers.has(field.resolve));
    }
  }
  return new Set([...names].filter(([, free]) => free).map(([name]) => name));
}

/** type-graphql's metadata, as far as it is read here. */
interface Storage {
  fieldResolvers: FieldResolverMetadata[];
  objectTypes: ObjectTypeMetadata[];
  interfaceTypes: ObjectTypeMetadata[];
}

/** The fields whose resolve function this module removed (for tests and diagnostics). */
export const plainPropertyFields = new Set<string>();

/**
 * Plain properties without a resolver. type-graphql gives every @Field a resolve function that
 * allocates its resolver data and runs the field's middleware and role check, then reads
 * `root[name]`. A field with no @FieldResolver, no middleware, no @Authorized roles and the
 * property's own name has nothing to run: without a resolve function, compiled execution reads
 * the property inline, with no call, no resolve info and no path object (about 600 such
 * reads on a page of 50 activities). The fields are found as type-graphql's schema generator
 * finds them: the type's own fields and those of the interfaces it implements.
 */
function withPlainPropertyFields(schema: GraphQLSchema, storage: Storage): void {
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = [
      ...storage.interfaceTypes
        .filter((it) => objectType.interfaceClasses?.includes(it.target))
        .flatMap((it) => it.fields ?? []),
      ...(objectType.fields ?? []),
    ];
    const schemaFields = type.getFields();
    for (const field of fields) {
      const schemaField = schemaFields[field.schemaName];
      if (
        !schemaField?.resolve ||
        field.name !== field.schemaName ||
        field.middlewares?.length ||
        field.roles ||
        storage.fieldResolvers.some((it) => it.getObjectType?.() === field.target && it.methodName === field.name)
      )
        continue;
      schemaField.resolve = undefined;
      plainPropertyFields.add(`${type.name}.${field.schemaName}`);
    }
  }
}

export function withDirectFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage() as unknown as Storage;
  withPlainPropertyFields(schema, storage);
  const typeNames = new Map(storage.objectTypes.map((t) => [t.target, t.name]));
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    const params = resolver.params;
    if (
      resolver.kind !== 'external' ||
      !params ||
      resolver.middlewares?.length ||
      resolver.roles?.length ||
      !params.every((p) => DIRECT_KINDS.has(p.kind) && !p.propertyName)
    )
      continue;
    const typeName = typeNames.get(resolver.getObjectType?.());
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type && isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    if (!field?.resolve || field.args.length) continue;

    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new resolver.target()));
    const method = instance[resolver.methodName]!;
    const bound = instance;
    const sorted = [...params].sort((a, b) => a.index - b.index);
    const rootType = sorted.find((p) => p.kind === 'root')?.getType?.();
    const original = field.resolve;
    const rootOk: (root: unknown) => boolean =
      typeof rootType === 'function' && rootType !== Object
        ? (root) => root == null || root instanceof rootType
        : () => true;
    const kinds = sorted.map((p) => p.kind).join(',');
    let direct: GraphQLFieldResolver<unknown, unknown>;
    switch (kinds) {
      case 'context,root':
        direct = (root, _args, ctx) => method.call(bound, ctx, root);
        break;
      case 'root':
        direct = (root) => method.call(bound, root);
        break;
      case 'root,context':
        direct = (root, _args, ctx) => method.call(bound, root, ctx);
        break;
      default:
        direct = (root, _args, ctx, info) =>
          method.apply(
            bound,
            sorted.map((p) => (p.kind === 'root' ? root : p.kind === 'context' ? ctx : info)),
          );
    }
    field.resolve = (root, args, ctx, info) =>
      rootOk(root) ? direct(root, args, ctx, info) : original(root, args, ctx, info);
    directResolvers.add(field.resolve);
    if (!kinds.includes('info')) infoFreeResolvers.add(field.resolve);
  }
  return schema;
}
