// The build timestamp (formats §1.4): SOURCE_DATE_EPOCH or the wall clock, resolved once per run.
// Pure: the caller passes the environment value and "now"; invalid input comes back as data.

import { emitMessages } from "./messages.js";

export type TimestampResult = { readonly ok: true; readonly timestamp: string } | { readonly ok: false; readonly error: string };

/** 9999-12-31T23:59:59Z, the last instant the `YYYY` format can hold. */
const MAX_EPOCH_SECONDS = 253402300799n;

/** Python `str.strip()` whitespace (JS `trim` lacks U+001C..U+001F and U+0085 and adds U+FEFF). */
const PY_WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const OUTER_WHITESPACE = new RegExp(`^[${PY_WHITESPACE}]+|[${PY_WHITESPACE}]+$`, "g");

/** Plain ASCII decimal, no sign, no leading zero (except `0` itself), no separators. */
const PLAIN_DECIMAL = /^(?:0|[1-9][0-9]*)$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds. */
export function formatTimestamp(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}Z`
  );
}

/**
 * `envValue` is SOURCE_DATE_EPOCH (undefined when unset). Outer whitespace is tolerated; what
 * remains must be a plain decimal count of seconds no later than year 9999.
 */
export function resolveTimestamp(envValue: string | undefined, now: Date): TimestampResult {
  if (envValue === undefined) return { ok: true, timestamp: formatTimestamp(now) };
  const value = envValue.replace(OUTER_WHITESPACE, "");
  if (!PLAIN_DECIMAL.test(value)) return { ok: false, error: emitMessages.sourceDateEpochNotDecimal(value) };
  const seconds = BigInt(value);
  if (seconds > MAX_EPOCH_SECONDS) return { ok: false, error: emitMessages.sourceDateEpochOutOfRange(value) };
  return { ok: true, timestamp: formatTimestamp(new Date(Number(seconds) * 1000)) };
}
