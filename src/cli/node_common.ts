import { homedir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { PlurigridError } from "../errors.js";
import type { Event } from "../node/events.js";
import { NodeHome, type OpenNode } from "../node/home.js";
import { HOME_LOCK_WAIT_MS } from "./endpoints.js";

/** Options every node command takes. */
export interface NodeOptions {
  home?: string;
  json?: boolean;
}

/** wasmd's default is ~/.wasmd; ours is $PLURIGRID_HOME or ~/.plurigrid. */
export function defaultHome(): string {
  return process.env.PLURIGRID_HOME ?? join(homedir(), ".plurigrid");
}

export function withNodeOptions(command: Command): Command {
  return command
    .option("--home <dir>", "the node's home directory", defaultHome())
    .option("--json", "print one JSON document on stdout");
}

export function homeOf(opts: NodeOptions): NodeHome {
  return new NodeHome(opts.home ?? defaultHome());
}

/** Runs `body` with the node open, and always closes it (the store is held exclusively while open). */
export async function withNode<T>(
  opts: NodeOptions,
  body: (node: OpenNode, home: NodeHome) => T | Promise<T>,
): Promise<T> {
  const home = homeOf(opts);
  const node = home.open({ lockTimeoutMs: HOME_LOCK_WAIT_MS });
  try {
    return await body(node, home);
  } finally {
    node.close();
  }
}

/** Prints a document: JSON with --json, else readable indented text. */
export function print(opts: NodeOptions, document: unknown, text?: string): void {
  if (opts.json) process.stdout.write(JSON.stringify(document, null, 2) + "\n");
  else process.stdout.write((text ?? renderText(document)) + "\n");
}

/** A YAML-like rendering of a JSON document, for people. */
export function renderText(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return value
      .map((item) => {
        const body = renderText(item, indent + "  ");
        return `${indent}- ${body.trimStart()}`;
      })
      .join("\n");
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return entries
    .map(([key, v]) => {
      if (v !== null && typeof v === "object" && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) {
        return `${indent}${key}:\n${renderText(v, indent + "  ")}`;
      }
      return `${indent}${key}: ${renderText(v, indent + "  ")}`;
    })
    .join("\n");
}

/** One line per event: `type key=value key=value`. */
export function renderEvents(events: readonly Event[], indent = "  "): string {
  return events.map((e) => `${indent}${e.type}${e.attributes.map((a) => ` ${a.key}=${a.value}`).join("")}`).join("\n");
}

/** A positive integer argument. */
export function parseHeight(text: string, what: string): number {
  if (!/^[0-9]+$/.test(text))
    throw new CliUsageError(`${what} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** A mistake in how a command was called (reported like every other error: one line, non-zero exit). */
export class CliUsageError extends PlurigridError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("cli.usage", message, context);
  }
}

/** All of stdin as text (a mnemonic for --recover). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Enter your bip39 mnemonic, then end the input (Ctrl-D):\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}
