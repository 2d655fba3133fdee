// The project stage: capa.toml, the package graph, `capa init`. Read by the pipeline (module
// search) and the CLI (entry points, project gates).
export { parseManifest, CEILING_CAPABILITIES, DEFAULT_ENTRY, type Manifest, type CapabilityCeiling, type DependencyDecl } from "./manifest.js";
export { findManifest, loadProject, loadProjectFrom, owningPackage, entryPoint, MANIFEST_NAME, type Project, type ProjectPackage, type ProjectLoad } from "./load.js";
export { writeStarter, starterFiles, packageNameFor } from "./init.js";
export { PROJECT_MESSAGES } from "./messages.js";
