/**
 * Two rewrites of the JavaScript graphql-jit generates for a document, removing allocations it
 * makes on every value even when nothing goes wrong (a page of 50 activities makes about 600 leaf
 * checks and 150 resolver calls):
 *
 * 1. A leaf check, `rt.checkNonNullLeaf(ctx, value, dest, message, [locations], [path], …)`, builds
 *    its locations and path arrays before the call, for the error it raises only on null or an
 *    Error. Rewritten so that the common case (a value that is neither) calls the serializer
 *    directly, and only the other case calls the original check, with the same arguments.
 * 2. A resolver call builds a resolve info and a path list (about ten objects) for its `info`
 *    argument. Where the resolver never reads `info` (`infoFree`: resolve functions taking only the
 *    parent and the context, see direct-resolvers.ts), `undefined` is passed instead.
 *
 * Both rewrite text of a known shape (graphql-jit 0.8.9, pinned in package.json) and leave
 * anything else untouched, so a different shape costs speed, never correctness;
 * compiled-source.spec.ts fails if the shapes stop matching. The value being checked is kept in
 * `ctx.leafValue` so that its expression (a property path) is evaluated once, as before.
 */

const LEAF_CHECK =
  /__context\.rt\.check(NonNull|Nullable)Leaf\(__context, ([\w$.]+), (__context\.\w+, (?:"(?:[^"\\]|\\.)*", )?\[\{[^\]]*\}\], \[[^\]]*\], (?:true|false)), (__context\.serializers\.\w+), (\w+)((?:, \w+)*)\)/g;

function rewriteLeafChecks(source: string): string {
  return source.replace(
    LEAF_CHECK,
    (_all, kind: string, value: string, errorArgs: string, serializer, handler, indexes) => {
      const serialize = `${serializer}(__context, __context.leafValue, ${handler}${indexes})`;
      const check = `__context.rt.check${kind}Leaf(__context, __context.leafValue, ${errorArgs}, ${serializer}, ${handler}${indexes})`;
      return kind === 'NonNull'
        ? `((__context.leafValue = ${value}) != null && !(__context.leafValue instanceof Error) ? ${serialize} : ${check})`
        : `((__context.leafValue = ${value}) == null ? null : !(__context.leafValue instanceof Error) ? ${serialize} : ${check})`;
    },
  );
}

const RESOLVER_CALL = /__context\.resolvers\.(\w+)\(/g;
const LEADING_ARGUMENTS = /^\s*[\w$.]+,\s*\w+,\s*__context\.context$/;
const INFO_ARGUMENT = /, __context\.resolveInfos\.\w+\(__context\.rootValue, __context\.variables, \{/y;

/** The index just after the brace that closes the one before `from` (no braces in strings here). */
function closingBrace(source: string, from: number): number {
  let depth = 1;
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
  }
  return -1;
}

function dropUnreadInfo(source: string, infoFree: ReadonlySet<string>): string {
  let out = '';
  let copied = 0;
  for (const call of source.matchAll(RESOLVER_CALL)) {
    if (!infoFree.has(call[1]!)) continue;
    // The arguments: parent, args, context, then the info built from a path literal.
    const start = call.index + call[0].length;
    const infoAt = source.indexOf(', __context.resolveInfos.', start);
    if (infoAt < 0 || !LEADING_ARGUMENTS.test(source.slice(start, infoAt))) continue;
    INFO_ARGUMENT.lastIndex = infoAt;
    const info = INFO_ARGUMENT.exec(source);
    if (!info) continue;
    const end = closingBrace(source, INFO_ARGUMENT.lastIndex);
    if (end < 0 || source[end] !== ')') continue;
    out += `${source.slice(copied, infoAt)}, undefined`;
    copied = end + 1;
  }
  return out + source.slice(copied);
}

/** The generated source with both rewrites; `infoFree` names resolvers as graphql-jit does (`${type}${field}Resolver`). */
export function rewriteCompiledSource(source: string, infoFree: ReadonlySet<string>): string {
  return dropUnreadInfo(rewriteLeafChecks(source), infoFree);
}

/**
 * Runs `compile` with the global Function constructor rewriting the function body it is given
 * (graphql-jit turns its generated source into a function with `new Function`). Synchronous, and
 * restored before returning.
 */
export function withRewrittenSource<T>(rewrite: (source: string) => string, compile: () => T): T {
  const NativeFunction = globalThis.Function;
  const Rewriting = function (...args: string[]) {
    if (args.length) args[args.length - 1] = rewrite(args[args.length - 1]!);
    return NativeFunction(...args);
  } as unknown as FunctionConstructor;
  // `instanceof Function` keeps working while it is installed.
  (Rewriting as { prototype: unknown }).prototype = NativeFunction.prototype;
  globalThis.Function = Rewriting;
  try {
    return compile();
  } finally {
    globalThis.Function = NativeFunction;
  }
}
