/**
 * `npm run bench:ibc` (issue 5): cw20-ics20 round trips per second — transfer on A → receive on B → acknowledgement
 * on A, fully relayed with proofs verified — on our engine, against Oraichain's cw-simulate running the same
 * contracts in the same process (bench/baselines/cw_simulate_ibc.ts; it does none of the protocol work).
 *
 * The workload (bench/baselines/ics20_workload.ts): cw20-base + cw20-ics20 on A, cw20-ics20 on B, an unordered
 * `ics20-1` channel between the two cw20-ics20 ports. A round trip is a cw20 `send` of 7 tokens into A's cw20-ics20
 * (escrow + packet), B's cw20-ics20 receiving it (it answers with its error acknowledgement: cw-plus cw20-ics20 never
 * takes foreign tokens), and A's cw20-ics20 taking the ack (refund). Every side's end state is checked before its
 * rates are reported, so a failing round trip is never measured.
 *
 * The engine: two Plurigrid nodes on SQLite homes (`plurigrid init`, the node's default durability) in a temp dir,
 * opened with `openChainEndpoint(home)` (src/cli/endpoints.ts, a NodeEndpoint in process). Contracts are stored
 * and instantiated by the endpoints' signers (each home's operator); the channel is created by the Relayer. A round
 * trip is one tx on A (MsgExecuteContract: the cw20 send, its own signed block) plus one relayer pass (`relayOnce`:
 * MsgRecvPacket to B with A's solo-machine proof of the packet commitment, then MsgAcknowledgement to A with B's proof
 * of the acknowledgement, each one signed tx in its own block, each proof verified by the receiving node's client).
 *
 * Rounds are interleaved (engine, peer; the order rotates each round) and each side's rate is its median over the
 * rounds. Flags: --round-trips N (timed round trips per round and side), --rounds R, --warmup W (untimed round
 * trips on the engine first), --peer-warmup P (the same for cw-simulate, whose V8 tiering needs ~1,500 round trips;
 * they cost it under a second), --json (one JSON object as the last line). A missed target is reported, never
 * turned into a failing exit code.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { initHome, NodeEndpoint, portIdForContract } from "../src/node/index.js";
import {
  anyOf,
  type ChainEndpointOpener,
  jsonBytes,
  Relayer,
  type RelaySummary,
  storeAndInstantiate,
  submitOrThrow,
} from "../src/relayer/index.js";
import { openChainEndpoint } from "../src/cli/endpoints.js";
import { createCwSimulateIbcPair } from "./baselines/cw_simulate_ibc.js";
import {
  checkRoundTrips,
  cw20AmountIn,
  cw20InstantiateMsg,
  cw20SendMsg,
  ICS20_VERSION,
  ics20InstantiateMsg,
  type Ics20ChannelResponse,
  loadCw20Ics20Wasms,
  ROUND_TRIP_AMOUNT,
  RoundTripCheckError,
} from "./baselines/ics20_workload.js";

export interface BenchOptions {
  /** Timed round trips per round and side. */
  roundTrips: number;
  /** Interleaved rounds; each side's rate is its median over the rounds. */
  rounds: number;
  /** Untimed round trips each side runs before the first round. */
  warmup: number;
  /** Untimed round trips the peer runs before the first round (cw-simulate needs ~1,500 before V8 has tiered it up). */
  peerWarmup: number;
  json: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = { roundTrips: 100, rounds: 5, warmup: 100, peerWarmup: 2000, json: false };

export const ENGINE_LABEL = "engine: two Plurigrid nodes (SQLite), relayer, solo-machine proofs";
const PEER_LABEL = "peer: cw-simulate IBC (no protocol work)";

/** One side of the comparison. */
interface Side {
  readonly key: "engine" | "peer";
  readonly label: string;
  /** One full round trip; throws if any step of it failed. */
  roundTrip(): Promise<void>;
  /** Throws unless the chains show exactly `roundTrips` completed round trips. */
  check(roundTrips: number): Promise<void>;
  close(): Promise<void>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      "round-trips": { type: "string" },
      rounds: { type: "string" },
      warmup: { type: "string" },
      "peer-warmup": { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const int = (flag: "round-trips" | "rounds" | "warmup" | "peer-warmup", fallback: number, min: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  return {
    roundTrips: int("round-trips", DEFAULT_OPTIONS.roundTrips, 1),
    rounds: int("rounds", DEFAULT_OPTIONS.rounds, 1),
    warmup: int("warmup", DEFAULT_OPTIONS.warmup, 0),
    peerWarmup: int("peer-warmup", DEFAULT_OPTIONS.peerWarmup, 0),
    json: values.json ?? false,
  };
}

// --- the peer ---

async function peerSide(): Promise<Side> {
  const pair = await createCwSimulateIbcPair();
  return {
    key: "peer",
    label: PEER_LABEL,
    roundTrip: () => pair.roundTrip(),
    check: async (roundTrips) => checkRoundTrips("cw-simulate", pair.state(), roundTrips),
    close: async () => {},
  };
}

// --- the engine on nodes ---

function expectOneRoundTrip(summary: RelaySummary): void {
  if (summary.packets !== 1 || summary.acks !== 1 || summary.failures.length > 0) {
    const failures = summary.failures.map((f) => `${f.chainId} ${f.kind} ${f.sequence}: ${f.error.message}`);
    throw new RoundTripCheckError(
      `relayer pass relayed ${summary.packets} packet(s) and ${summary.acks} ack(s), expected 1 and 1` +
        (failures.length > 0 ? `; failures: ${failures.join("; ")}` : ""),
    );
  }
}

const NODE_PREFIX = "grid";

/**
 * Two nodes initialised in `dir`, opened with `opener`; everything after `plurigrid init` goes through the
 * endpoints (txs by their signers) and the Relayer, so the nodes are driven exactly as the relayer drives them;
 * only the end-state check reads contract state through the node endpoint's chain.
 */
async function nodeSide(dir: string, opener: ChainEndpointOpener): Promise<Side> {
  const homes = { a: join(dir, "a"), b: join(dir, "b") };
  for (const [side, home] of Object.entries(homes)) {
    await initHome(home, {
      chainId: `bench${side}-1`,
      denom: "ugrid",
      supply: 10n ** 15n,
      prefix: NODE_PREFIX,
      genesisTimeNs: BigInt(Date.now()) * 1_000_000n,
      nodeKeySecret: randomBytes(32),
      operator: { entropy: randomBytes(32) },
    });
  }
  const a = await opener(homes.a);
  const b = await opener(homes.b);
  const wasms = loadCw20Ics20Wasms();
  const sender = a.signer;
  const cw20 = await storeAndInstantiate(a, wasms.cw20Base, cw20InstantiateMsg(sender), "cw20-base");
  const ics20A = await storeAndInstantiate(a, wasms.cw20Ics20, ics20InstantiateMsg(sender, cw20), "cw20-ics20");
  const ics20B = await storeAndInstantiate(b, wasms.cw20Ics20, ics20InstantiateMsg(b.signer), "cw20-ics20");
  const portA = portIdForContract(ics20A);
  const portB = portIdForContract(ics20B);
  const relayer = new Relayer(a, b);
  const { channel } = await relayer.createChannel({ portA, portB, version: ICS20_VERSION });
  const channelA = channel.a.channelId;
  const channelB = channel.b.channelId;
  const receiver = toBech32(NODE_PREFIX, sha256(new TextEncoder().encode("plurigrid/bench/ibc/receiver")).slice(0, 20));
  const send = anyOf(
    MsgExecuteContract,
    MsgExecuteContract.fromPartial({
      sender,
      contract: cw20,
      msg: jsonBytes(cw20SendMsg(ics20A, channelA, receiver, ROUND_TRIP_AMOUNT)),
      funds: [],
    }),
  );

  /** A smart query on A's committed state (the endpoint owns the home's store, so through its chain). */
  const queryA = (contract: string, msg: unknown): unknown => {
    if (!(a instanceof NodeEndpoint)) throw new Error(`${a.chainId}: contract queries need a node endpoint`);
    const bytes = a.chain.app.wasm.keeper.querySmart(a.chain.queryContext(), contract, jsonBytes(msg));
    return JSON.parse(new TextDecoder().decode(bytes));
  };

  return {
    key: "engine",
    label: ENGINE_LABEL,
    async roundTrip() {
      await submitOrThrow(a, [send]);
      expectOneRoundTrip(await relayer.relayOnce());
    },
    async check(roundTrips) {
      const pending = await a.queryPacketCommitments(portA, channelA);
      if (pending.length > 0) throw new RoundTripCheckError(`nodes: ${pending.length} packet(s) still unacknowledged`);
      const sequences = await b.queryPacketAcknowledgements(portB, channelB);
      const written = await b.queryWrittenAcknowledgements(portB, channelB, sequences);
      const acknowledgements = written.map((w) => new TextDecoder().decode(w.acknowledgement));
      const balance = (address: string) =>
        BigInt((queryA(cw20, { balance: { address } }) as { balance: string }).balance);
      const info = queryA(ics20A, { channel: { id: channelA } }) as Ics20ChannelResponse;
      const state = {
        senderBalance: balance(sender),
        escrowBalance: balance(ics20A),
        outstanding: cw20AmountIn(info.balances, cw20),
        totalSent: cw20AmountIn(info.total_sent, cw20),
        acknowledgements,
      };
      checkRoundTrips("nodes", state, roundTrips);
    },
    async close() {
      for (const endpoint of [a, b]) await endpoint.close?.();
    },
  };
}

/** The engine side: two nodes in a temp dir, opened with `opener` (default `openChainEndpoint`). */
export async function createEngineSide(opener: ChainEndpointOpener = openChainEndpoint): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-bench-ibc-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let side: Side;
  try {
    side = await nodeSide(dir, opener);
  } catch (error) {
    cleanup();
    throw error;
  }
  return {
    ...side,
    async close() {
      try {
        await side.close();
      } finally {
        cleanup();
      }
    },
  };
}

// --- measuring ---

export interface SideResult {
  readonly label: string;
  /** Median over rounds. */
  readonly roundTripsPerS: number;
  readonly roundsPerS: readonly number[];
}

export interface BenchResult {
  readonly options: BenchOptions;
  readonly engine: SideResult;
  readonly peer: SideResult;
  /** engine ÷ peer, of the medians. */
  readonly ratio: number;
  /** The target: engine ≥ cw-simulate. */
  readonly targetMet: boolean;
  readonly json: Record<string, unknown>;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >>> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timeBatch(side: Side, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await side.roundTrip();
  const ns = Number(process.hrtime.bigint() - start);
  return (count * 1e9) / ns;
}

const fmtRate = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1));
const fmtRatio = (x: number): string => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2));

/** Runs the benchmark; `write` receives every output line (the JSON object last, with --json). */
export async function runBench(
  options: BenchOptions,
  write: (line: string) => void,
  opener: ChainEndpointOpener = openChainEndpoint,
): Promise<BenchResult> {
  write(
    `cw20-ics20 round trips (transfer on A -> receive on B -> ack on A): ${options.roundTrips} timed round trips x ` +
      `${options.rounds} rounds per side, ${options.warmup} warm-up round trips (peer ${options.peerWarmup}), ` +
      `node ${process.version}`,
  );
  const sides: Side[] = [await createEngineSide(opener)];
  try {
    sides.push(await peerSide());
    const warmupOf = (side: Side) => (side.key === "peer" ? options.peerWarmup : options.warmup);
    for (const side of sides) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < warmupOf(side); i++) await side.roundTrip();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      write(`  warm-up ${side.key.padEnd(6)} ${warmupOf(side)} round trips in ${ms.toFixed(0)} ms`);
    }
    const rates = new Map<Side, number[]>(sides.map((s) => [s, []]));
    for (let round = 0; round < options.rounds; round++) {
      const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
      const parts: string[] = [];
      for (const side of order) {
        const rate = await timeBatch(side, options.roundTrips);
        rates.get(side)!.push(rate);
        parts.push(`${side.key} ${fmtRate(rate)}/s`);
      }
      write(`  round ${round + 1}/${options.rounds}: ${parts.join(", ")}`);
    }
    for (const side of sides) await side.check(warmupOf(side) + options.rounds * options.roundTrips);
    write(
      `  end state checked: ${options.warmup + options.rounds * options.roundTrips} complete round trips on the ` +
        `engine, ${options.peerWarmup + options.rounds * options.roundTrips} on the peer`,
    );

    const resultOf = (side: Side): SideResult => ({
      label: side.label,
      roundTripsPerS: median(rates.get(side)!),
      roundsPerS: rates.get(side)!,
    });
    const engineResult = resultOf(sides[0]!);
    const peerResult = resultOf(sides[1]!);
    const ratio = engineResult.roundTripsPerS / peerResult.roundTripsPerS;
    const targetMet = ratio >= 1;

    write("");
    const labelWidth = Math.max(...sides.map((s) => s.label.length)) + 2;
    write(
      `${"side".padEnd(labelWidth)}${"round trips/s".padStart(15)}${"ms/round trip".padStart(15)}${"ratio".padStart(9)}`,
    );
    for (const r of [engineResult, peerResult]) {
      write(
        `${r.label.padEnd(labelWidth)}${fmtRate(r.roundTripsPerS).padStart(15)}` +
          `${(1000 / r.roundTripsPerS).toFixed(3).padStart(15)}${`${fmtRatio(r.roundTripsPerS / peerResult.roundTripsPerS)}x`.padStart(9)}`,
      );
    }
    write("");
    write("target (issue 5): engine round trips/s >= cw-simulate's");
    write(`  ${targetMet ? "met    " : "NOT MET"}  engine ${fmtRatio(ratio)}x cw-simulate`);

    const json: Record<string, unknown> = {
      round_trips_per_s: engineResult.roundTripsPerS,
      peer_round_trips_per_s: peerResult.roundTripsPerS,
      engine_vs_peer: ratio,
      ms_per_round_trip: 1000 / engineResult.roundTripsPerS,
      peer_ms_per_round_trip: 1000 / peerResult.roundTripsPerS,
      engine: engineResult.label,
      peer: peerResult.label,
      target_met: targetMet,
      rounds: { engine: engineResult.roundsPerS, peer: peerResult.roundsPerS },
      round_trips: options.roundTrips,
      rounds_count: options.rounds,
      warmup: options.warmup,
      peer_warmup: options.peerWarmup,
      node: process.version,
    };
    if (options.json) write(JSON.stringify(json));
    return {
      options,
      engine: engineResult,
      peer: peerResult,
      ratio,
      targetMet,
      json,
    };
  } finally {
    for (const side of sides) await side.close();
  }
}

/** Entry point: parses `argv` (without node and script), runs, returns the process exit code. */
export async function main(
  argv: readonly string[],
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  opener: ChainEndpointOpener = openChainEndpoint,
): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench:ibc: ${(err as Error).message}\n`);
    process.stderr.write(
      "usage: npm run bench:ibc -- [--round-trips N] [--rounds R] [--warmup W] [--peer-warmup P] [--json]\n",
    );
    return 2;
  }
  await runBench(options, write, opener);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
