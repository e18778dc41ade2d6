import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isCompositeType,
  Kind,
  OperationTypeNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { RequestContext } from '../shared/context.js';

/** A `@cacheControl` hint as written on a type or field. */
interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

/** The policy of (part of) a response: the smallest maxAge, and whether anything is PRIVATE. */
interface Policy {
  maxAge?: number;
  private: boolean;
}

const hints = new WeakMap<object, Hint>();

function hintOf(element: {
  astNode?: { directives?: readonly DirectiveNode[] } | null;
  extensionASTNodes?: readonly { directives?: readonly DirectiveNode[] }[];
}): Hint {
  let hint = hints.get(element);
  if (!hint) {
    hint = {};
    const nodes = [element.astNode, ...(element.extensionASTNodes ?? [])];
    for (const node of nodes) {
      for (const directive of node?.directives ?? []) {
        if (directive.name.value !== 'cacheControl') continue;
        for (const arg of directive.arguments ?? []) {
          const v = arg.value;
          if (arg.name.value === 'maxAge' && v.kind === Kind.INT) hint.maxAge = Number(v.value);
          if (arg.name.value === 'scope' && v.kind === Kind.ENUM) hint.scope = v.value as Hint['scope'];
          if (arg.name.value === 'inheritMaxAge' && v.kind === Kind.BOOLEAN) hint.inheritMaxAge = v.value;
        }
      }
    }
    hints.set(element, hint);
  }
  return hint;
}

function restrict(overall: Policy, part: Policy): void {
  if (part.maxAge !== undefined && (overall.maxAge === undefined || part.maxAge < overall.maxAge))
    overall.maxAge = part.maxAge;
  if (part.private) overall.private = true;
}

/**
 * A field's own policy, as Apollo's cache-control plugin computes it when the field resolves: the
 * returned type's hint, replaced by the field's (unless the field only inherits); a field
 * returning an object without a maxAge (and not inheriting) or a root field gets maxAge 0.
 */
function fieldPolicy(field: GraphQLField<unknown, unknown>, isRoot: boolean): Policy {
  let maxAge: number | undefined;
  let scope: Hint['scope'];
  let inherit = false;
  const target = getNamedType(field.type);
  const composite = isCompositeType(target);
  if (composite) {
    const t = hintOf(target);
    maxAge = t.maxAge;
    scope = t.scope;
    inherit = !!t.inheritMaxAge;
  }
  const f = hintOf(field);
  if (f.inheritMaxAge && maxAge === undefined) {
    inherit = true;
    if (f.scope) scope = f.scope;
  } else {
    if (f.maxAge !== undefined) maxAge = f.maxAge;
    if (f.scope !== undefined) scope = f.scope;
  }
  if (maxAge === undefined && ((composite && !inherit) || isRoot)) maxAge = 0;
  return { maxAge, private: scope === 'PRIVATE' };
}

/**
 * The cache policy of an operation from its document and the schema's `@cacheControl` hints, in
 * one walk (each fragment once): what Apollo's cache-control plugin computes field by field at
 * run time, without per-field work on every request. It counts every selected field, also those
 * that end up unresolved under a null parent, so it is never longer than the run-time policy.
 */
export function operationPolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Policy {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const fragmentPolicies = new Map<string, Policy>();
  const walk = (set: SelectionSetNode, type: GraphQLNamedType | undefined | null, isRoot: boolean, into: Policy) => {
    if (!type || !isCompositeType(type)) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        const field =
          'getFields' in type
            ? (type as Exclude<GraphQLCompositeType, { getTypes: unknown }>).getFields()[s.name.value]
            : undefined;
        if (!field) continue;
        restrict(into, fieldPolicy(field, isRoot));
        if (s.selectionSet) walk(s.selectionSet, getNamedType(field.type), false, into);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet, s.typeCondition ? schema.getType(s.typeCondition.name.value) : type, isRoot, into);
      } else {
        const key = `${isRoot ? 'root:' : ''}${s.name.value}`;
        let policy = fragmentPolicies.get(key);
        if (!policy) {
          policy = { private: false };
          fragmentPolicies.set(key, policy);
          const fragment = fragments.get(s.name.value);
          if (fragment) walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), isRoot, policy);
        }
        restrict(into, policy);
      }
    }
  };
  const overall: Policy = { private: false };
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  walk(operation.selectionSet, root, true, overall);
  return overall;
}

/** Policies by document (Apollo reuses the parsed document of a repeated query) and operation. */
const policies = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Policy>>();

function memoizedPolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Policy {
  let byOperation = policies.get(document);
  if (!byOperation) policies.set(document, (byOperation = new Map<OperationDefinitionNode, Policy>()));
  let policy = byOperation.get(operation);
  if (!policy) byOperation.set(operation, (policy = operationPolicy(schema, document, operation)));
  return policy;
}

/**
 * The response's Cache-Control, in place of Apollo's cache-control plugin (disabled in server.ts):
 * the operation's policy from the schema's `@cacheControl` hints (see operationPolicy) gives
 * `max-age=N, public`; errors, mutations and anything without hints get `no-store`. Responses to
 * token holders can contain drafts and attendance figures, so they are `no-store`; and every
 * response varies by Authorization so a shared cache never hands an anonymous answer to a token
 * holder.
 */
export const cachePolicyPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue, overallCachePolicy }) {
    if (contextValue.viewer.role !== null) overallCachePolicy.restrict({ maxAge: 0, scope: 'PRIVATE' });
    return {
      async didResolveOperation({ schema, document, operation }) {
        if (!operation) return;
        const policy = memoizedPolicy(schema, document, operation);
        overallCachePolicy.restrict({
          maxAge: policy.maxAge,
          ...(policy.private ? { scope: 'PRIVATE' as const } : {}),
        });
      },
      async willSendResponse({ response }) {
        const cacheable = overallCachePolicy.policyIfCacheable();
        const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
        response.http.headers.set(
          'cache-control',
          cacheable && ok ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : 'no-store',
        );
        const vary = response.http.headers.get('vary');
        if (!vary?.toLowerCase().includes('authorization'))
          response.http.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
      },
    };
  },
};
