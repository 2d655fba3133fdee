// Methods of the Revoker and AuditLog values that the run-time capability wrappers hand out.
import { normInt } from "../values.js";
import type { AuditLog, Revoker } from "../capabilities/wrappers/tokens.js";
import type { MethodTable } from "./types.js";

export const REVOKER_METHODS: MethodTable<Revoker> = {
  revoke: (r) => r.revoke(),
  is_revoked: (r) => r.revoked,
};

export const AUDIT_LOG_METHODS: MethodTable<AuditLog> = {
  entries: (log) => log.entries(),
  count: (log) => normInt(BigInt(log.entries().length)),
};
