/** Property paths into a body (`['Items', '*', 'CreatedOn']`, `*` for each array item). */

/** Replaces, in place, each value found at `paths` of `value` with what `convert` returns for it. */
export function convertAt(
  value: unknown,
  paths: readonly (readonly string[])[] = [],
  convert: (node: unknown) => unknown,
): void {
  const visit = (node: unknown, [head, ...rest]: readonly string[]): unknown => {
    if (head === undefined) return convert(node);
    if (head === '*' && Array.isArray(node)) return node.map((item) => visit(item, rest));
    if (node && typeof node === 'object' && Object.hasOwn(node, head)) {
      const record = node as Record<string, unknown>;
      record[head] = visit(record[head], rest);
    }
    return node;
  };
  for (const path of paths) visit(value, path);
}
