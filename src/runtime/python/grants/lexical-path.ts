// Lexical path containment for the child side (mount points, veils), which must not load the
// capabilities' modules: the sandboxed child holds no capability code. Paths here are already
// absolute and normalised by Emscripten; deciding access is the parent's gate's job, not this.

/** `/data/x` is within `/data`; `/data2` is not; a path is within itself. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === "/") return path.startsWith("/");
  return path === dir || path.startsWith(`${dir}/`);
}
