// A reflective scan over every AST node below a root, for the IFC pass's small whole-body
// questions (names read in a lambda, functions called by name). Never mutates the AST.

/** Calls `visit` on every object node below `root` (spans skipped), depth first. */
export function forEachNode(root: unknown, visit: (node: { readonly kind?: string }) => void): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    if (node === null || typeof node !== "object") return;
    visit(node as { kind?: string });
    for (const [k, v] of Object.entries(node)) if (k !== "span" && typeof v === "object") walk(v);
  };
  walk(root);
}
