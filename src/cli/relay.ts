import type { Command } from "commander";
import { Order, orderName } from "../ibc/channel/types.js";
import type { ChainEndpoint } from "../relayer/chain.js";
import type { ChainEndpointOpener } from "../relayer/chain.js";
import { openChainEndpoint } from "./endpoints.js";
import { RelayerError } from "../relayer/errors.js";
import { Relayer, relayContinuously, relayedCount, type PathInfo, type RelaySummary } from "../relayer/relayer.js";
import type { ChannelPair } from "../relayer/handshake.js";
import type { RegisterCommand } from "./main.js";

/**
 * `plurigrid relay …`, modelled on hermes: `create-channel` (clients and a connection first if none exist),
 * `clear` (relay everything pending once) and `start` (keep relaying until interrupted). Nodes are named by their
 * home directories; how a home becomes a ChainEndpoint is `openChainEndpoint`'s business (src/cli/endpoints.ts),
 * injectable here so tests and demos run the commands over in-memory chains.
 */
interface PathOptions {
  homeA: string;
  homeB: string;
  json?: boolean;
}

type Write = (text: string) => void;

const ORDERS: Record<string, Order> = { unordered: Order.ORDER_UNORDERED, ordered: Order.ORDER_ORDERED };

function parseOrder(value: string): Order {
  const order = ORDERS[value.toLowerCase()];
  if (order === undefined) {
    throw new RelayerError("relayer.invalid_argument", `--order must be "ordered" or "unordered", got "${value}"`, {
      order: value,
    });
  }
  return order;
}

function parsePositiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new RelayerError("relayer.invalid_argument", `${flag} must be a positive integer, got "${value}"`, {
      [flag]: value,
    });
  }
  return n;
}

/** Runs `body` with a relayer between the two homes, and closes both endpoints afterwards (releasing the nodes). */
async function withPath<T>(
  open: ChainEndpointOpener,
  opts: PathOptions,
  body: (relayer: Relayer) => Promise<T>,
): Promise<T> {
  const a = await open(opts.homeA);
  try {
    const b = await open(opts.homeB);
    try {
      return await body(new Relayer(a, b));
    } finally {
      await b.close?.();
    }
  } finally {
    await a.close?.();
  }
}

// --- output ---

function channelJson(a: ChainEndpoint, b: ChainEndpoint, path: PathInfo & { channel: ChannelPair }) {
  const side = (chain: ChainEndpoint, s: "a" | "b") => ({
    chainId: chain.chainId,
    clientId: path.clients[s],
    connectionId: path.connections[s],
    portId: path.channel[s].portId,
    channelId: path.channel[s].channelId,
  });
  return { order: orderName(path.channel.order), version: path.channel.version, a: side(a, "a"), b: side(b, "b") };
}

export function formatChannel(json: ReturnType<typeof channelJson>): string {
  const order = json.order === "ORDER_ORDERED" ? "ordered" : "unordered";
  const width = Math.max(json.a.chainId.length, json.b.chainId.length);
  const line = (s: typeof json.a) =>
    `  ${s.chainId.padEnd(width)}  ${s.portId}/${s.channelId}  via ${s.connectionId} (client ${s.clientId})`;
  return `SUCCESS channel open (${order}, version ${json.version})\n${line(json.a)}\n${line(json.b)}\n`;
}

export function summaryJson(summary: RelaySummary) {
  return {
    packets: summary.packets,
    acks: summary.acks,
    timeouts: summary.timeouts,
    closes: summary.closes,
    failures: summary.failures.map((f) => ({
      chainId: f.chainId,
      kind: f.kind,
      portId: f.portId,
      channelId: f.channelId,
      ...(f.sequence === undefined ? {} : { sequence: f.sequence.toString() }),
      error: f.error,
    })),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatSummary(a: string, b: string, summary: RelaySummary): string {
  const counts = [
    plural(summary.packets, "packet"),
    plural(summary.acks, "ack"),
    plural(summary.timeouts, "timeout"),
    plural(summary.closes, "channel close", "channel closes"),
  ].join(", ");
  const head = summary.failures.length === 0 ? "SUCCESS" : "PARTIAL";
  const lines = [`${head} cleared ${a} ⇄ ${b}: ${counts}`];
  for (const f of summary.failures) {
    const sequence = f.sequence === undefined ? "" : ` packet ${f.sequence}`;
    lines.push(
      `  FAILED ${f.kind} on ${f.chainId} ${f.portId}/${f.channelId}${sequence}: [${f.error.code}] ${f.error.message}`,
    );
  }
  return lines.join("\n") + "\n";
}

// --- commands ---

/** The `relay` command group over a given way to open endpoints (the node's, unless a test passes another). */
export function relayCommands(
  open: ChainEndpointOpener = openChainEndpoint,
  write: Write = (t) => process.stdout.write(t),
): RegisterCommand {
  return (program: Command, setExit: (code: number) => void) => {
    const relay = program.command("relay").description("relay IBC packets between two nodes (hermes-like)");
    const pathOptions = (command: Command) =>
      command
        .requiredOption("--home-a <dir>", "home directory of the first node")
        .requiredOption("--home-b <dir>", "home directory of the second node")
        .option("--json", "print JSON");

    pathOptions(
      relay
        .command("create-channel")
        .description("open a channel between two ports, creating clients and a connection if none exist")
        .requiredOption("--port-a <port>", "port on the first node")
        .requiredOption("--port-b <port>", "port on the second node")
        .requiredOption("--version <version>", 'channel version to propose (e.g. "ics20-1")')
        .option("--order <order>", "ordered | unordered", "unordered"),
    ).action(async (opts: PathOptions & { portA: string; portB: string; version: string; order: string }) => {
      const order = parseOrder(opts.order);
      await withPath(open, opts, async (relayer) => {
        const path = await relayer.createChannel({
          portA: opts.portA,
          portB: opts.portB,
          version: opts.version,
          order,
        });
        const json = channelJson(relayer.a, relayer.b, path);
        write(opts.json ? JSON.stringify(json, null, 2) + "\n" : formatChannel(json));
      });
      setExit(0);
    });

    pathOptions(relay.command("clear").description("relay everything pending between two nodes once")).action(
      async (opts: PathOptions) => {
        const failed = await withPath(open, opts, async (relayer) => {
          const summary = await relayer.clear();
          write(
            opts.json
              ? JSON.stringify(summaryJson(summary), null, 2) + "\n"
              : formatSummary(relayer.a.chainId, relayer.b.chainId, summary),
          );
          return summary.failures.length > 0;
        });
        setExit(failed ? 1 : 0);
      },
    );

    pathOptions(
      relay
        .command("start")
        .description("keep relaying between two nodes until interrupted (Ctrl-C)")
        .option("--interval <ms>", "pause between passes, milliseconds", "1000")
        .option("--max-passes <n>", "stop after this many passes"),
    ).action(async (opts: PathOptions & { interval: string; maxPasses?: string }) => {
      const intervalMs = parsePositiveInteger(opts.interval, "--interval");
      const maxPasses = opts.maxPasses === undefined ? undefined : parsePositiveInteger(opts.maxPasses, "--max-passes");
      // The homes are opened for each pass and released in between, so `plurigrid tx …` and `query …` on the same
      // homes run while the relayer does (they wait for a pass to end). The relayer keeps no state between passes.
      let chainIds = { a: "", b: "" };
      const pass = () =>
        withPath(open, opts, (relayer) => {
          chainIds = { a: relayer.a.chainId, b: relayer.b.chainId };
          return relayer.clear();
        });
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      let failed = false;
      try {
        await relayContinuously(pass, {
          intervalMs,
          maxPasses,
          signal: controller.signal,
          onPass: (summary, n) => {
            failed ||= summary.failures.length > 0;
            // Quiet passes print nothing; a long-running relayer reports only what it did.
            if (relayedCount(summary) === 0 && summary.failures.length === 0) return;
            write(
              opts.json
                ? JSON.stringify({ pass: n, ...summaryJson(summary) }) + "\n"
                : formatSummary(chainIds.a, chainIds.b, summary),
            );
          },
          onError: (error, n) => {
            failed = true;
            const message = error instanceof Error ? error.message : String(error);
            const code = (error as { code?: unknown }).code;
            write(
              opts.json
                ? JSON.stringify({ pass: n, error: { code: typeof code === "string" ? code : "internal", message } }) +
                    "\n"
                : `ERROR pass ${n}: ${message}\n`,
            );
          },
        });
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
      setExit(failed ? 1 : 0);
    });
  };
}

export const registerRelay: RegisterCommand = relayCommands();
