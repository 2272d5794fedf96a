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
 * and instantiated by the endpoints' signers (each home's operator); the channel is created by the Relayer. The
 * engine is measured two ways on the same nodes and channel:
 * - batched (the headline: throughput): `--batch` round trips at a time, as a busy channel runs. One tx on A with
 *   that many cw20 sends (one signed block), then one relayer pass (`relayOnce`): one tx on B with every
 *   MsgRecvPacket, each carrying A's solo-machine proof of its packet commitment, then one tx on A with every
 *   MsgAcknowledgement, each with B's proof of the acknowledgement; every proof verified by the receiving client.
 * - sequential (latency): the same with one round trip at a time, so three signed, fsynced blocks per round trip.
 *
 * The peer runs twice, on two pairs of apps: without gas metering (cw-simulate's default, the peer of the target)
 * and with it (every instruction and host call charged, as in the engine and on any chain).
 *
 * Rounds are interleaved (engine batched, engine sequential, peer, metered peer; the order rotates each round) and
 * each rate is its median over the rounds. Flags: --round-trips N (timed round trips per round and measurement),
 * --batch B, --rounds R, --warmup W (untimed round trips of each engine measurement first), --peer-warmup P (the
 * same for each cw-simulate pair, whose V8 tiering needs ~1,500 round trips; they cost it a few seconds at most),
 * --json (one JSON object as the last line).
 * A missed target is reported, never turned into a failing exit code.
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
  /** Timed round trips per round and measurement. */
  roundTrips: number;
  /** Round trips per engine batch (one tx of sends on A, one relayer pass). */
  batch: number;
  /** Interleaved rounds; each side's rate is its median over the rounds. */
  rounds: number;
  /** Untimed round trips each engine measurement runs before the first round. */
  warmup: number;
  /** Untimed round trips the peer runs before the first round (cw-simulate needs ~1,500 before V8 has tiered it up). */
  peerWarmup: number;
  json: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  roundTrips: 200,
  batch: 100,
  rounds: 5,
  warmup: 100,
  peerWarmup: 2000,
  json: false,
};

export const ENGINE_LABEL = "engine: two Plurigrid nodes (SQLite), relayer, solo-machine proofs";
const PEER_LABEL = "peer: cw-simulate IBC (no protocol work)";
const METERED_PEER_LABEL = "peer: cw-simulate IBC with gas metering (no protocol work)";

/** What is timed: the engine batched or one at a time, or the peer without or with gas metering. */
type MeasurementKey = "batched" | "sequential" | "peer" | "peer-metered";

interface Measurement {
  readonly key: MeasurementKey;
  readonly label: string;
  /** `count` full round trips; throws if any step of any of them failed. */
  run(count: number): Promise<void>;
}

/** One system under test (the node pair, or cw-simulate): its measurements share its chains. */
interface Side {
  readonly measurements: readonly Measurement[];
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
      batch: { type: "string" },
      rounds: { type: "string" },
      warmup: { type: "string" },
      "peer-warmup": { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const int = (
    flag: "round-trips" | "batch" | "rounds" | "warmup" | "peer-warmup",
    fallback: number,
    min: number,
  ): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  return {
    roundTrips: int("round-trips", DEFAULT_OPTIONS.roundTrips, 1),
    batch: int("batch", DEFAULT_OPTIONS.batch, 1),
    rounds: int("rounds", DEFAULT_OPTIONS.rounds, 1),
    warmup: int("warmup", DEFAULT_OPTIONS.warmup, 0),
    peerWarmup: int("peer-warmup", DEFAULT_OPTIONS.peerWarmup, 0),
    json: values.json ?? false,
  };
}

// --- the peer ---

/**
 * cw-simulate's pair without metering (its default: the peer of the target) or with it (gas accounted for every
 * instruction and host call, as on a chain and in the engine).
 */
async function peerSide(metering: boolean): Promise<Side> {
  const pair = await createCwSimulateIbcPair({ metering });
  return {
    measurements: [
      {
        key: metering ? "peer-metered" : "peer",
        label: metering ? METERED_PEER_LABEL : PEER_LABEL,
        run: async (count) => {
          for (let i = 0; i < count; i++) await pair.roundTrip();
        },
      },
    ],
    check: async (roundTrips) =>
      checkRoundTrips(metering ? "cw-simulate (metered)" : "cw-simulate", pair.state(), roundTrips),
    close: async () => {},
  };
}

// --- the engine on nodes ---

function expectRoundTrips(summary: RelaySummary, count: number): void {
  if (summary.packets !== count || summary.acks !== count || summary.failures.length > 0) {
    const failures = summary.failures.map((f) => `${f.chainId} ${f.kind} ${f.sequence}: ${f.error.message}`);
    throw new RoundTripCheckError(
      `relayer pass relayed ${summary.packets} packet(s) and ${summary.acks} ack(s), expected ${count} and ${count}` +
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
async function nodeSide(dir: string, opener: ChainEndpointOpener, batch: number): Promise<Side> {
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
  // One relay tx per direction per batch (the default cap, 50 messages, would split a batch of 100 in two).
  const relayer = new Relayer(a, b, { maxMessagesPerTx: Math.max(50, batch) });
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

  /** `count` sends in one tx on A, then one relayer pass that must complete every one of them. */
  const roundTrips = async (count: number) => {
    await submitOrThrow(
      a,
      Array.from({ length: count }, () => send),
    );
    expectRoundTrips(await relayer.relayOnce(), count);
  };

  return {
    measurements: [
      {
        key: "batched",
        label: `${ENGINE_LABEL}, ${batch} round trips per batch`,
        run: async (count) => {
          for (let done = 0; done < count; done += batch) await roundTrips(Math.min(batch, count - done));
        },
      },
      {
        key: "sequential",
        label: `${ENGINE_LABEL}, one round trip at a time`,
        run: async (count) => {
          for (let i = 0; i < count; i++) await roundTrips(1);
        },
      },
    ],
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
export async function createEngineSide(
  opener: ChainEndpointOpener = openChainEndpoint,
  batch = DEFAULT_OPTIONS.batch,
): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-bench-ibc-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let side: Side;
  try {
    side = await nodeSide(dir, opener, batch);
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
  /** The engine's throughput, batched: the headline. */
  readonly engine: SideResult;
  readonly sequential: SideResult;
  readonly peer: SideResult;
  readonly meteredPeer: SideResult;
  /** engine (batched) ÷ peer, of the medians. */
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

async function timeRun(measurement: Measurement, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  await measurement.run(count);
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
      `${options.rounds} rounds per measurement, engine batches of ${options.batch}, ${options.warmup} warm-up ` +
      `round trips per engine measurement (peer ${options.peerWarmup}), node ${process.version}`,
  );
  const engine = await createEngineSide(opener, options.batch);
  const sides: Side[] = [engine];
  try {
    const peer = await peerSide(false);
    sides.push(peer);
    const meteredPeer = await peerSide(true);
    sides.push(meteredPeer);
    const measurements = sides.flatMap((side) => side.measurements);
    const warmupOf = (m: Measurement) => (m.key.startsWith("peer") ? options.peerWarmup : options.warmup);
    for (const m of measurements) {
      const start = process.hrtime.bigint();
      await m.run(warmupOf(m));
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      write(`  warm-up ${m.key.padEnd(10)} ${warmupOf(m)} round trips in ${ms.toFixed(0)} ms`);
    }
    const rates = new Map<Measurement, number[]>(measurements.map((m) => [m, []]));
    for (let round = 0; round < options.rounds; round++) {
      const order = measurements.map((_, i) => measurements[(i + round) % measurements.length]!);
      const parts: string[] = [];
      for (const m of order) {
        const rate = await timeRun(m, options.roundTrips);
        rates.get(m)!.push(rate);
        parts.push(`${m.key} ${fmtRate(rate)}/s`);
      }
      write(`  round ${round + 1}/${options.rounds}: ${parts.join(", ")}`);
    }
    const engineTotal = 2 * (options.warmup + options.rounds * options.roundTrips);
    const peerTotal = options.peerWarmup + options.rounds * options.roundTrips;
    await engine.check(engineTotal);
    await peer.check(peerTotal);
    await meteredPeer.check(peerTotal);
    write(
      `  end state checked: ${engineTotal} complete round trips on the engine, ${peerTotal} on each peer ` +
        `(metered and not)`,
    );

    const resultOf = (key: MeasurementKey): SideResult => {
      const m = measurements.find((x) => x.key === key)!;
      return { label: m.label, roundTripsPerS: median(rates.get(m)!), roundsPerS: rates.get(m)! };
    };
    const batchedResult = resultOf("batched");
    const sequentialResult = resultOf("sequential");
    const peerResult = resultOf("peer");
    const meteredResult = resultOf("peer-metered");
    const ratio = batchedResult.roundTripsPerS / peerResult.roundTripsPerS;
    const targetMet = ratio >= 1;
    const meteredRatio = batchedResult.roundTripsPerS / meteredResult.roundTripsPerS;

    write("");
    const rows = [batchedResult, sequentialResult, peerResult, meteredResult];
    const labelWidth = Math.max(...rows.map((r) => r.label.length)) + 2;
    write(
      `${"measurement".padEnd(labelWidth)}${"round trips/s".padStart(15)}${"ms/round trip".padStart(15)}${"ratio".padStart(9)}`,
    );
    for (const r of rows) {
      write(
        `${r.label.padEnd(labelWidth)}${fmtRate(r.roundTripsPerS).padStart(15)}` +
          `${(1000 / r.roundTripsPerS).toFixed(3).padStart(15)}${`${fmtRatio(r.roundTripsPerS / peerResult.roundTripsPerS)}x`.padStart(9)}`,
      );
    }
    write("");
    write("target (issue 5): engine round trips/s (batched throughput) >= cw-simulate's (its default, no metering)");
    write(`  ${targetMet ? "met    " : "NOT MET"}  engine ${fmtRatio(ratio)}x cw-simulate`);
    write(`  (with gas metering on both sides, as on a chain: engine ${fmtRatio(meteredRatio)}x cw-simulate metered)`);

    const json: Record<string, unknown> = {
      round_trips_per_s: batchedResult.roundTripsPerS,
      peer_round_trips_per_s: peerResult.roundTripsPerS,
      engine_vs_peer: ratio,
      ms_per_round_trip: 1000 / batchedResult.roundTripsPerS,
      peer_ms_per_round_trip: 1000 / peerResult.roundTripsPerS,
      sequential_round_trips_per_s: sequentialResult.roundTripsPerS,
      sequential_vs_peer: sequentialResult.roundTripsPerS / peerResult.roundTripsPerS,
      sequential_ms_per_round_trip: 1000 / sequentialResult.roundTripsPerS,
      metered_peer_round_trips_per_s: meteredResult.roundTripsPerS,
      engine_vs_metered_peer: meteredRatio,
      engine: ENGINE_LABEL,
      peer: peerResult.label,
      target_met: targetMet,
      rounds: {
        batched: batchedResult.roundsPerS,
        sequential: sequentialResult.roundsPerS,
        peer: peerResult.roundsPerS,
        peer_metered: meteredResult.roundsPerS,
      },
      round_trips: options.roundTrips,
      batch: options.batch,
      rounds_count: options.rounds,
      warmup: options.warmup,
      peer_warmup: options.peerWarmup,
      node: process.version,
    };
    if (options.json) write(JSON.stringify(json));
    return {
      options,
      engine: batchedResult,
      sequential: sequentialResult,
      peer: peerResult,
      meteredPeer: meteredResult,
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
      "usage: npm run bench:ibc -- [--round-trips N] [--batch B] [--rounds R] [--warmup W] [--peer-warmup P] [--json]\n",
    );
    return 2;
  }
  await runBench(options, write, opener);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
