// Catalogue of formatter diagnostics (F0xxx). The only place their wording lives.

import { spec } from "../diagnostics/diagnostic.js";

export const FormatMessages = {
  unsafe: spec(
    "F0001",
    "the formatter's output would not be the same program (a formatter bug; the file is left as written)",
    (what: string) => `the formatter could not format this file without changing it (${what}); it is left as written`,
  ),
};
