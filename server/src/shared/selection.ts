import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Deepest path looked at below a field: enough for connection → edges → node → field → field. */
const MAX_DEPTH = 5;

const memo = new WeakMap<readonly FieldNode[], ReadonlySet<string>>();

/**
 * The dotted paths the client selects below the current field (through fragments), e.g.
 * `totalCount`, `edges.node.library.municipality`, up to five levels deep: what a resolver
 * may read ahead in one statement. Computed once per field of the document (list items share it).
 * Directives are not evaluated: a path under `@skip` counts as selected (read ahead for nothing).
 */
export function selectedPaths(info: GraphQLResolveInfo): ReadonlySet<string> {
  let paths = memo.get(info.fieldNodes);
  if (!paths) {
    const out = new Set<string>();
    const seen = new Set<string>();
    const visit = (set: SelectionSetNode | undefined, prefix: string, depth: number) => {
      if (!set || depth > MAX_DEPTH) return;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const path = prefix + s.name.value;
          out.add(path);
          visit(s.selectionSet, `${path}.`, depth + 1);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          visit(s.selectionSet, prefix, depth);
        } else {
          const key = `${prefix}|${s.name.value}`;
          if (seen.has(key)) continue;
          seen.add(key);
          visit(info.fragments[s.name.value]?.selectionSet, prefix, depth);
        }
      }
    };
    for (const node of info.fieldNodes) visit(node.selectionSet, '', 1);
    paths = out;
    memo.set(info.fieldNodes, paths);
  }
  return paths;
}
