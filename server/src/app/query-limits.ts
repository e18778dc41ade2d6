import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  isInterfaceType,
  typeFromAST,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
export { MaxIntrospectionDepthRule } from 'graphql';
import type { RequestContext } from '../shared/context.js';
import { QueryTooComplexError } from '../shared/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination.js';
import { rejectBeforeExecution } from './errors.js';

/*
 * The cost model, meant to be read in one go: a query costs what it may return, counted in
 * objects, and at least what it makes the database do.
 *
 *   cost(scalar or enum field) = 0
 *   cost(object field)         = size × (1 + Σ cost(selected subfields))
 *   cost(statement field)      = max(STATEMENT_COST, the above)
 *
 * - size is 1 for a field that returns one object;
 * - a connection (a field with a `first` argument) is one object, and its `edges` list has the
 *   size `first` (default 20, as the resolvers use);
 * - any other list of objects has the size estimated in LIST_SIZE_ESTIMATES, else 20;
 *   introspection lists (`__schema { types { fields … } }`) have their mean size in this schema,
 *   and a type reference's `ofType` costs nothing of its own (a wrapper of a type already counted);
 * - a statement field runs a database statement of its own: every root field (but `__schema`,
 *   `__type`, `__typename`), every connection and every `totalCount`. Aliases of one search
 *   with different arguments each run their SQL, so `activities(first: 0) { totalCount }` is
 *   not free.
 *
 * Scalars are free because they come with the row their object was loaded from; objects are
 * what costs a loader call, and lists are what multiplies. (Counting every scalar as 1 would
 * price the SDK's own MyLibraryActivities(first: 100) at over 6000.)
 *
 * Besides depth and cost, a document is limited in its width: the fields execution would visit
 * once every fragment spread is expanded (MAX_QUERY_FIELDS), its aliases, and at most one
 * `__schema` and a few `__type` root fields.
 *
 * Depth counts fields from the root (a root field is depth 1); fragments are followed and add no
 * depth of their own. Inside `__schema` and `__type` depth is not counted: the standard
 * introspection query nests `ofType` deeply; what introspection may return is bounded by its cost
 * and by graphql's MaxIntrospectionDepthRule (introspection lists nest at most 3 deep), which the
 * server adds to validation.
 *
 * The walk is linear in the size of the document: each fragment is measured once (its measure
 * does not depend on where it is spread, but for the page size of an enclosing connection, which
 * it depends on linearly), however often it is spread.
 */

/** A plain list's usual length: what a page of it costs. Not listed: DEFAULT_LIST_SIZE. */
export const LIST_SIZE_ESTIMATES: Readonly<Record<string, number>> = {
  'Query.municipalities': 100, // 98 municipalities
  'Query.partners': 100,
  'Query.regions': 5,
  'RegionInfo.municipalities': 30, // Midtjylland and Syddanmark have 19 and 22
  'Municipality.libraries': 10, // the main library and its branches
  'Activity.partners': 5,
  'Activity.materials': 5,
  'ThemeReport.coverageByRegion': 5,
  'ThemeReport.librariesWithoutActivities': 100,
  'ThemeReport.municipalitiesWithoutRegistration': 100,
  'Library.eventSources': 3, // a library's website, perhaps a calendar feed
  'EventSourceRun.skippedEvents': 5, // most runs skip none
};
export const DEFAULT_LIST_SIZE = 20;
/** The least a field that runs a database statement of its own costs. */
export const STATEMENT_COST = 10;
/** Root fields `__schema` and `__type` a document may hold. */
export const MAX_SCHEMA_FIELDS = 1;
export const MAX_TYPE_FIELDS = 10;

/** The measure of one operation. */
export interface QueryMeasure {
  depth: number;
  cost: number;
  /** Fields visited with every fragment spread expanded (not multiplied by list sizes). */
  fields: number;
  /** Aliased fields, fragment spreads expanded. */
  aliases: number;
  /** Root `__schema` and `__type` fields, fragment spreads expanded. */
  schemaFields: number;
  typeFields: number;
}

/**
 * The measure of a selection set, independent of where it occurs: the part of its cost that
 * depends on the page size of the connection it belongs to (its lists) is kept apart, so that a
 * fragment is measured once and priced wherever it is spread.
 */
interface SelectionMeasure {
  depth: number;
  fields: number;
  aliases: number;
  schemaFields: number;
  typeFields: number;
  /** Cost of what is not a list directly in this selection set. */
  fixed: number;
  /** Σ (1 + cost of the selection) over lists directly in this selection set, for a page size. */
  perItem: number;
  /** Σ estimate × (1 + cost of the selection) over the same lists, when there is no page size. */
  estimated: number;
}

const EMPTY: SelectionMeasure = {
  depth: 0,
  fields: 0,
  aliases: 0,
  schemaFields: 0,
  typeFields: 0,
  fixed: 0,
  perItem: 0,
  estimated: 0,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments measured so far; `undefined` while one is being measured (a cycle measures as empty). */
  measured: Map<string, SelectionMeasure | undefined>;
  introspectionSizes: Readonly<Record<string, number>>;
}

/**
 * Measures `operation` with the given variables. Works on documents that have not been validated
 * yet (unknown fields and fragments measure as nothing, cycles are cut). Fields left out by
 * `@skip`/`@include` do not count; `first` given as a variable counts with the variable's value.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { depth: 0, cost: 0, fields: 0, aliases: 0, schemaFields: 0, typeFields: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = {
    schema,
    fragments,
    variables: withDefaults(schema, operation, variables ?? {}),
    measured: new Map(),
    introspectionSizes: introspectionSizesOf(schema),
  };
  const root = measureSelectionSet(walk, rootType, operation.selectionSet);
  const { depth, fields, aliases, schemaFields, typeFields } = root;
  return { depth, cost: costOf(root, undefined), fields, aliases, schemaFields, typeFields };
}

/** Variables as the client sent them, completed with the operation's declared defaults. */
function withDefaults(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const complete = typeof variables === 'object' && !Array.isArray(variables) ? { ...variables } : {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (complete[name] !== undefined || !definition.defaultValue) continue;
    const type = typeFromAST(schema, definition.type);
    if (type) complete[name] = valueFromAST(definition.defaultValue, type as Parameters<typeof valueFromAST>[1]);
  }
  return complete;
}

/** The cost of a selection set inside a connection with this page size (undefined: not directly in one). */
function costOf(measure: SelectionMeasure, pageSize: number | undefined): number {
  return measure.fixed + (pageSize === undefined ? measure.estimated : pageSize * measure.perItem);
}

function add(total: SelectionMeasure, part: SelectionMeasure): void {
  total.depth = Math.max(total.depth, part.depth);
  total.fields += part.fields;
  total.aliases += part.aliases;
  total.schemaFields += part.schemaFields;
  total.typeFields += part.typeFields;
  total.fixed += part.fixed;
  total.perItem += part.perItem;
  total.estimated += part.estimated;
}

function measureSelectionSet(
  walk: Walk,
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
): SelectionMeasure {
  const total = { ...EMPTY };
  for (const selection of selectionSet.selections) {
    if (!isIncluded(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      add(total, measureField(walk, parentType, selection));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      if (type && isCompositeType(type)) add(total, measureSelectionSet(walk, type, selection.selectionSet));
    } else {
      add(total, measureFragment(walk, selection.name.value));
    }
  }
  return total;
}

/** A named fragment, measured once per document however often it is spread. */
function measureFragment(walk: Walk, name: string): SelectionMeasure {
  if (walk.measured.has(name)) return walk.measured.get(name) ?? EMPTY;
  const fragment = walk.fragments.get(name);
  const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  if (!fragment || !type || !isCompositeType(type)) return EMPTY;
  // Validation rejects fragment cycles, but this walk may run before validation.
  walk.measured.set(name, undefined);
  const measure = measureSelectionSet(walk, type, fragment.selectionSet);
  walk.measured.set(name, measure);
  return measure;
}

function fieldDefinition(
  walk: Walk,
  parentType: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === walk.schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}

function measureField(walk: Walk, parentType: GraphQLCompositeType, node: FieldNode): SelectionMeasure {
  const name = node.name.value;
  const field = fieldDefinition(walk, parentType, name);
  const aliases = node.alias ? 1 : 0;
  if (!field) return { ...EMPTY, fields: 1, aliases };
  const isRoot = parentType === walk.schema.getQueryType() || parentType === walk.schema.getMutationType();
  const introspectionRoot = isRoot && (field === SchemaMetaFieldDef || field === TypeMetaFieldDef);
  const pageSize = connectionPageSize(walk, field, node);
  const runsStatement = (isRoot && !name.startsWith('__')) || pageSize !== undefined || name === 'totalCount';
  const returnType = getNamedType(field.type);
  const isList = isListType(getNullableType(field.type));
  const estimate =
    walk.introspectionSizes[`${parentType.name}.${name}`] ??
    LIST_SIZE_ESTIMATES[`${parentType.name}.${name}`] ??
    DEFAULT_LIST_SIZE;
  let children = EMPTY;
  let own = 0;
  if (node.selectionSet && isCompositeType(returnType)) {
    children = measureSelectionSet(walk, returnType, node.selectionSet);
    // `ofType` unwraps a list or non-null of a type already counted: at most a few levels, computed in memory.
    own = (field.name === 'ofType' && parentType.name === '__Type' ? 0 : 1) + costOf(children, pageSize);
  }
  const measure: SelectionMeasure = {
    depth: introspectionRoot ? 1 : 1 + children.depth,
    fields: 1 + children.fields,
    aliases: aliases + children.aliases,
    schemaFields: (introspectionRoot && field === SchemaMetaFieldDef ? 1 : 0) + children.schemaFields,
    typeFields: (introspectionRoot && field === TypeMetaFieldDef ? 1 : 0) + children.typeFields,
    fixed: 0,
    perItem: 0,
    estimated: 0,
  };
  if (runsStatement) measure.fixed = Math.max(STATEMENT_COST, isList ? estimate * own : own);
  else if (isList && own > 0) {
    measure.perItem = own;
    measure.estimated = estimate * own;
  } else measure.fixed = own;
  return measure;
}

/** For a field with a `first` argument: the page size it asks for (default 20, at most 100); else undefined. */
function connectionPageSize(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
  const argument = field.args.find((a) => a.name === 'first');
  if (!argument) return undefined;
  const given = node.arguments?.find((a) => a.name.value === 'first');
  let value: unknown;
  try {
    value = given ? valueFromAST(given.value, argument.type, walk.variables) : undefined;
  } catch {
    value = undefined;
  }
  // Out-of-range values are left to the resolver, whose BAD_USER_INPUT says what is allowed.
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(Math.max(Math.trunc(value), 0), MAX_PAGE_SIZE)
    : DEFAULT_PAGE_SIZE;
}

/** False when `@skip`/`@include` leave the selection out; malformed directives count as included (validation answers them). */
function isIncluded(walk: Walk, node: SelectionSetNode['selections'][number]): boolean {
  if (!node.directives?.length) return true;
  try {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
    return include?.if !== false;
  } catch {
    return true;
  }
}

const introspectionSizeCache = new WeakMap<GraphQLSchema, Record<string, number>>();

/**
 * The mean length of each introspection list in this schema (rounded up), so that
 * `__schema { types { fields { name } } }` costs about the objects it returns.
 */
export function introspectionSizesOf(schema: GraphQLSchema): Readonly<Record<string, number>> {
  const cached = introspectionSizeCache.get(schema);
  if (cached) return cached;
  const types = Object.values(schema.getTypeMap());
  // Σ lengths / number of types: `types { fields { … } }` then costs about the fields there are.
  const perType = (lengths: number[]) => Math.max(1, Math.ceil(lengths.reduce((n, l) => n + l, 0) / types.length));
  const fields = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []));
  const sizes: Record<string, number> = {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': perType(
      types.map((t) => (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0)),
    ),
    '__Type.interfaces': perType(
      types.map((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0)),
    ),
    '__Type.possibleTypes': perType(types.map((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0))),
    '__Type.enumValues': perType(types.map((t) => (isEnumType(t) ? t.getValues().length : 0))),
    '__Type.inputFields': perType(types.map((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0))),
    '__Field.args': Math.max(1, Math.ceil(fields.reduce((n, f) => n + f.args.length, 0) / Math.max(1, fields.length))),
    '__Directive.args': Math.max(
      1,
      Math.ceil(
        schema.getDirectives().reduce((n, d) => n + d.args.length, 0) / Math.max(1, schema.getDirectives().length),
      ),
    ),
  };
  introspectionSizeCache.set(schema, sizes);
  return sizes;
}

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxFields: number;
  maxAliases: number;
}

/** The message for an operation over a limit, or undefined when it is within all of them. */
export function limitViolation(measure: QueryMeasure, limits: QueryLimits): string | undefined {
  if (measure.schemaFields > MAX_SCHEMA_FIELDS || measure.typeFields > MAX_TYPE_FIELDS) {
    return `The query asks for __schema ${measure.schemaFields} and __type ${measure.typeFields} times; the limits are ${MAX_SCHEMA_FIELDS} and ${MAX_TYPE_FIELDS}. Ask for the schema once (it is also published as schema/schema.graphql).`;
  }
  if (measure.fields > limits.maxFields) {
    return `The query has ${measure.fields} fields once its fragments are expanded; the limit is ${limits.maxFields}. Spread fewer fragments, or split the query.`;
  }
  if (measure.aliases > limits.maxAliases) {
    return `The query has ${measure.aliases} aliased fields; the limit is ${limits.maxAliases}. Send a query per item, or use a list field with a filter.`;
  }
  if (measure.depth > limits.maxDepth) {
    return `The query is ${measure.depth} fields deep; the limit is ${limits.maxDepth}. Ask for nested objects in a separate query (e.g. by id).`;
  }
  if (measure.cost > limits.maxComplexity) {
    return (
      `The query costs ${measure.cost}; the limit is ${limits.maxComplexity}. Every object it may return costs 1, so a list multiplies the cost of what is selected in it ` +
      `by its size (\`first\`, default ${DEFAULT_PAGE_SIZE}), and every search, connection and totalCount costs at least ${STATEMENT_COST}: ` +
      'ask for smaller pages, fewer nested lists, or page through in separate queries.'
    );
  }
  return undefined;
}

/** Measures kept per operation (Apollo reuses the parsed document of a repeated query), by variables. */
const measures = new WeakMap<OperationDefinitionNode, Map<string, QueryMeasure>>();
const MEASURES_PER_OPERATION = 16;
/** Variables longer than this as JSON are measured every time rather than kept as a key. */
const MAX_VARIABLES_KEY = 1_000;

/** measureOperation, computed once per operation and variables (a repeated request is not walked again). */
function memoizedMeasure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryMeasure {
  const key = JSON.stringify(variables);
  if (key.length > MAX_VARIABLES_KEY) return measureOperation(schema, document, operation, variables);
  let byVariables = measures.get(operation);
  if (!byVariables) measures.set(operation, (byVariables = new Map<string, QueryMeasure>()));
  let measure = byVariables.get(key);
  if (!measure) {
    measure = measureOperation(schema, document, operation, variables);
    if (byVariables.size >= MEASURES_PER_OPERATION) byVariables.delete(byVariables.keys().next().value!);
    byVariables.set(key, measure);
  }
  return measure;
}

/**
 * Rejects, before anything executes, operations over a limit: QUERY_TOO_COMPLEX with HTTP 400
 * and a message giving limit and figure, measured with the request's variables. (Documents too
 * large to be worth validating are refused earlier, by the parser's token limit.)
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const violation = limitViolation(
            memoizedMeasure(schema, document, operation, request.variables ?? {}),
            limits,
          );
          if (violation) rejectBeforeExecution(new QueryTooComplexError(violation));
        },
      };
    },
  };
}
