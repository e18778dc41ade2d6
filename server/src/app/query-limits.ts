import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
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
import type { RequestContext } from '../shared/context.js';
import { QueryTooComplexError } from '../shared/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination.js';
import { rejectBeforeExecution } from './errors.js';

/*
 * The cost model, meant to be read in one go: a query costs what it may return, counted in
 * objects.
 *
 *   cost(scalar or enum field) = 0
 *   cost(object field)         = size × (1 + Σ cost(selected subfields))
 *
 * - size is 1 for a field that returns one object;
 * - a connection (a field with a `first` argument) is one object, and its `edges` list has the
 *   size `first` (default 20, as the resolvers use);
 * - any other list of objects has the size estimated in LIST_SIZE_ESTIMATES, else 20.
 *
 * Scalars are free because they come with the row their object was loaded from; objects are
 * what costs a loader call, and lists are what multiplies. (Counting every scalar as 1 would
 * price the SDK's own MyLibraryActivities(first: 100) at over 6000.)
 *
 * Depth counts fields from the root (a root field is depth 1); fragments are followed and add no
 * depth of their own. Introspection fields (`__schema`, `__type`, `__typename`) cost nothing and
 * are not descended into, so GraphiQL's and codegen's introspection queries always pass.
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
  'Library.eventSources': 5, // a website or two per library
};
export const DEFAULT_LIST_SIZE = 20;

/** The depth and cost of one operation. */
export interface QueryMeasure {
  depth: number;
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

const ZERO: QueryMeasure = { depth: 0, cost: 0 };

/**
 * Measures `operation` (validated against `schema`) with the given variables. Fields left out by
 * `@skip`/`@include` do not count; `first` given as a variable counts with the variable's value.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): QueryMeasure {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return ZERO;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return measureSelectionSet({ schema, fragments, variables: withDefaults(schema, operation, variables) }, rootType, operation.selectionSet, undefined, new Set());
}

/** Variables as the client sent them, completed with the operation's declared defaults. */
function withDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const complete = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (complete[name] !== undefined || !definition.defaultValue) continue;
    const type = typeFromAST(schema, definition.type);
    if (type) complete[name] = valueFromAST(definition.defaultValue, type as Parameters<typeof valueFromAST>[1]);
  }
  return complete;
}

/**
 * `pageSize` is the `first` of the connection whose selection this is: it applies to the lists
 * directly inside it (its `edges`), not further down.
 */
function measureSelectionSet(walk: Walk, parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, pageSize: number | undefined, spreading: ReadonlySet<string>): QueryMeasure {
  let cost = 0;
  let depth = 0;
  for (const selection of selectionSet.selections) {
    if (!isIncluded(walk, selection)) continue;
    let measure: QueryMeasure;
    if (selection.kind === Kind.FIELD) {
      measure = measureField(walk, parentType, selection, pageSize, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      measure = type && isCompositeType(type) ? measureSelectionSet(walk, type, selection.selectionSet, pageSize, spreading) : ZERO;
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      // Validation rejects fragment cycles; the guard only keeps this walk finite regardless.
      measure =
        fragment && type && isCompositeType(type) && !spreading.has(name)
          ? measureSelectionSet(walk, type, fragment.selectionSet, pageSize, new Set([...spreading, name]))
          : ZERO;
    }
    cost += measure.cost;
    depth = Math.max(depth, measure.depth);
  }
  return { cost, depth };
}

function measureField(walk: Walk, parentType: GraphQLCompositeType, node: FieldNode, pageSize: number | undefined, spreading: ReadonlySet<string>): QueryMeasure {
  const name = node.name.value;
  if (name.startsWith('__')) return ZERO;
  const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
  if (!field) return ZERO;
  const returnType = getNamedType(field.type);
  if (!node.selectionSet || !isCompositeType(returnType)) return { cost: 0, depth: 1 };
  const children = measureSelectionSet(walk, returnType, node.selectionSet, connectionPageSize(walk, field, node), spreading);
  const size = isListType(getNullableType(field.type)) ? (pageSize ?? LIST_SIZE_ESTIMATES[`${parentType.name}.${name}`] ?? DEFAULT_LIST_SIZE) : 1;
  return { cost: size * (1 + children.cost), depth: 1 + children.depth };
}

/** For a field with a `first` argument: the page size it asks for (default 20, at most 100); else undefined. */
function connectionPageSize(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
  const argument = field.args.find((a) => a.name === 'first');
  if (!argument) return undefined;
  const given = node.arguments?.find((a) => a.name.value === 'first');
  const value = given ? valueFromAST(given.value, argument.type, walk.variables) : undefined;
  // Out-of-range values are left to the resolver, whose BAD_USER_INPUT says what is allowed.
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function isIncluded(walk: Walk, node: SelectionSetNode['selections'][number]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** The message for an operation over a limit, or undefined when it is within both. */
export function limitViolation(measure: QueryMeasure, limits: QueryLimits): string | undefined {
  if (measure.depth > limits.maxDepth) {
    return `The query is ${measure.depth} fields deep; the limit is ${limits.maxDepth}. Ask for nested objects in a separate query (e.g. by id).`;
  }
  if (measure.cost > limits.maxComplexity) {
    return (
      `The query costs ${measure.cost}; the limit is ${limits.maxComplexity}. Every object it may return costs 1, so a list multiplies the cost of what is selected in it ` +
      `by its size (\`first\`, default ${DEFAULT_PAGE_SIZE}): ask for smaller pages, fewer nested lists, or page through in separate queries.`
    );
  }
  return undefined;
}

/**
 * Rejects, before anything executes, operations deeper than `maxDepth` or costlier than
 * `maxComplexity`: QUERY_TOO_COMPLEX with HTTP 400 and a message giving limit and figure.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const violation = limitViolation(measureOperation(schema, document, operation, request.variables ?? {}), limits);
          if (violation) rejectBeforeExecution(new QueryTooComplexError(violation));
        },
      };
    },
  };
}
