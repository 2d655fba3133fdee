// The pieces both SBOMs add for a project (spec/projects.md, "SBOMs of a project"): each
// function's package version, source files with their digests, and the Pyodide runtime when the
// program uses Python. Pure: the pipeline gathered the facts (types.ts ProductDetails).

import type { CapabilityModel, FunctionFacts } from "../check/model.js";
import type { ProductDetails, ProductIdentity } from "./types.js";

/** Shown for a dependency without capa.toml, whose version nobody declared. */
export const UNDECLARED_VERSION = "unversioned";

export const PYODIDE = { name: "pyodide", supplier: "Pyodide contributors", license: "MPL-2.0" } as const;

/** The version a function component carries: its package's. */
export function functionVersion(details: ProductDetails, f: FunctionFacts): string {
  return details.functionPackages.get(f.qualifiedName)?.version ?? UNDECLARED_VERSION;
}

export function functionPackage(details: ProductDetails, f: FunctionFacts): string | null {
  return details.functionPackages.get(f.qualifiedName)?.name ?? null;
}

/** Whether `f` hands work to Python: imports a module or grants it a capability. */
export function callsPython(f: FunctionFacts): boolean {
  return f.pythonModules.length > 0 || (f.pythonDynamicImports ?? 0) > 0 || f.pythonGrants.length > 0;
}

/** Whether any function hands work to Python (so the Pyodide runtime ships with the program). */
export function usesPython(model: CapabilityModel): boolean {
  return model.functions.some(callsPython);
}

export function pyodideVersion(details: ProductDetails): string {
  return details.pyodideVersion ?? UNDECLARED_VERSION;
}

export function pyodidePurl(version: string): string {
  return `pkg:npm/pyodide@${encodeURIComponent(version)}`;
}

/** Who supplies the product's components: vendored code is distributed by the product's supplier. */
export function componentSupplier(product: ProductIdentity, fallback: string): string {
  return product.supplier ?? fallback;
}
