import { NodeError } from "./errors.js";

/**
 * Block times are nanoseconds since the Unix epoch (bigint), written as RFC 3339 with nine fractional digits like
 * CometBFT ("2026-01-02T03:04:05.123456789Z"). The node never reads a clock: the CLI passes the time in.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

export function formatTime(ns: bigint): string {
  if (ns < 0n) throw new NodeError("node.time", `time ${ns} ns is before the epoch`, { ns: ns.toString() });
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // "YYYY-MM-DDTHH:MM:SS.mmmZ"
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, "0");
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

export function parseTime(text: string): bigint {
  const m = RFC3339.exec(text);
  if (!m) throw new NodeError("node.time", `not an RFC 3339 UTC time: ${JSON.stringify(text)}`, { text });
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (Number.isNaN(ms) || ms < 0) throw new NodeError("node.time", `invalid time: ${text}`, { text });
  const fraction = BigInt((m[7] ?? "").padEnd(9, "0"));
  return BigInt(ms) * 1_000_000n + fraction;
}

/** Nanoseconds from a JavaScript millisecond timestamp (the CLI's clock). */
export function msToNs(ms: number): bigint {
  return BigInt(Math.trunc(ms)) * 1_000_000n;
}
