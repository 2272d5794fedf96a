/**
 * `npm run bench:vm` (issue 2): cw20-base `transfer` executions per second through our engine with metering on,
 * against baselines measured in the same process on the same messages:
 *
 * - floor: the same wasm called directly with a minimal host (bench/baselines/bare.ts: Map storage, no metering,
 *   one instance reused, no rollback);
 * - peer metered / peer unmetered: Oraichain's cw-simulate (bench/baselines/cw_simulate.ts) with its metering on
 *   and off.
 *
 * Every runner gets its own contract instantiated with the same initial balances, runs the same warm-up transfers
 * (V8 needs about 5,000 calls to tier the hot paths up), then the same timed batch of transfers once per round.
 * Rounds are interleaved (round 1: every runner, round 2: every runner, …, with the order rotated each round) so
 * that noise from other work on the machine spreads over all runners; each runner's rate is the median over
 * rounds. Every engine call must return `ok` and every baseline throws on an error, so a failure can never be
 * measured as a fast call; at the end every runner's balances are checked against `expectedBalances`.
 *
 * Flags: --transfers N (timed transfers per round), --warmup N, --rounds N, --accounts N, --seed N, --json (append
 * one JSON object as the last line). Missed targets are reported, never turned into a failing exit code.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  Bech32Api,
  MemoryStorage,
  MockQuerier,
  SDK_GAS_MULTIPLIER,
  Vm,
  calls,
  vmGasToSdkGas,
  type Env,
  type Target,
} from "../src/vm/index.js";
import { createBareCw20, defaultContractAddress } from "./baselines/bare.js";
import { createCwSimulateCw20 } from "./baselines/cw_simulate.js";
import {
  type Cw20Transfer,
  type Cw20TransferMsg,
  type InitialBalance,
  balanceQueryBytes,
  expectedBalances,
  jsonBytes,
  loadCw20BaseWasm,
  makeInstantiateMsg,
  makeTransfers,
  makeWorkload,
  transferMsg,
} from "./baselines/cw20_messages.js";

export interface BenchOptions {
  /** Timed transfers per round and runner. */
  transfers: number;
  /** Untimed transfers each runner executes before the first round. */
  warmup: number;
  /** Interleaved rounds; each runner's rate is its median over the rounds. */
  rounds: number;
  accounts: number;
  seed: number;
  json: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  transfers: 4_000,
  warmup: 5_000,
  rounds: 5,
  accounts: 16,
  seed: 1,
  json: false,
};

/** Keys of the runners, as used in the JSON output (`<key>_ops_per_s`). */
export type RunnerKey = "engine" | "floor" | "peer_metered" | "peer_unmetered";

/** One transfer prepared for every runner: the same message as JSON bytes and as an object. */
interface PreparedTransfer {
  readonly sender: string;
  readonly recipient: string;
  readonly amount: string;
  readonly msgBytes: Uint8Array;
  readonly msg: Cw20TransferMsg;
}

interface Runner {
  readonly key: RunnerKey;
  readonly label: string;
  /** Executes the batch in order; throws on the first failed transfer. */
  run(batch: readonly PreparedTransfer[]): void | Promise<void>;
  balance(address: string): bigint;
  /** Gas this runner reported for the transfers it ran (in its own units), if it meters. */
  gas?(): { total: number; transfers: number };
}

export interface RunnerResult {
  readonly key: RunnerKey;
  readonly label: string;
  /** Median over rounds. */
  readonly opsPerS: number;
  readonly roundsOpsPerS: readonly number[];
}

export interface TargetVerdict {
  readonly name: string;
  readonly met: boolean;
  readonly detail: string;
}

export interface BenchResult {
  readonly options: BenchOptions;
  readonly runners: Readonly<Record<RunnerKey, RunnerResult>>;
  /** VM gas per transfer of the engine (mean over every transfer it ran, warm-up included), and its SDK gas. */
  readonly engineGasPerTransfer: number;
  readonly engineSdkGasPerTransfer: number;
  /** cw-simulate's own gas units (cosmwasm-vm-js), mean per transfer, metering on. */
  readonly peerGasPerTransfer: number;
  readonly targets: readonly TargetVerdict[];
  /** The JSON object printed as the last line with --json. */
  readonly json: Record<string, unknown>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      transfers: { type: "string" },
      warmup: { type: "string" },
      rounds: { type: "string" },
      accounts: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const int = (name: keyof BenchOptions, min: number): number => {
    const raw = values[name as keyof typeof values];
    if (raw === undefined) return DEFAULT_OPTIONS[name] as number;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got ${raw}`);
    return n;
  };
  return {
    transfers: int("transfers", 1),
    warmup: int("warmup", 0),
    rounds: int("rounds", 1),
    accounts: int("accounts", 2),
    seed: int("seed", 0),
    json: values.json ?? false,
  };
}

function prepare(transfers: readonly Cw20Transfer[]): PreparedTransfer[] {
  return transfers.map((t) => {
    const msg = transferMsg(t.recipient, t.amount);
    return { ...t, msg, msgBytes: jsonBytes(msg) };
  });
}

/** 500,000 SDK gas per call: far above a transfer, so running out would be a failure, not a cap. */
const ENGINE_GAS_LIMIT = 500_000 * SDK_GAS_MULTIPLIER;
const CHAIN_ID = "plurigrid-bench";

/** (engine) `vm.storeCode` + `calls.execute` over a MemoryStorage, metering on, the workload's bech32 prefix. */
function engineRunner(wasm: Uint8Array, prefix: string, initialBalances: readonly InitialBalance[]): Runner {
  const vm = new Vm({ api: new Bech32Api(prefix) });
  const { checksum } = vm.storeCode(wasm);
  const target: Target = {
    vm,
    checksum,
    backend: { storage: new MemoryStorage(), querier: new MockQuerier() },
    options: { gasLimit: ENGINE_GAS_LIMIT },
  };
  // The same block and contract as the bare baseline's env.
  const env: Env = {
    block: { height: 12345, time: "1700000000000000000", chain_id: CHAIN_ID },
    transaction: null,
    contract: { address: defaultContractAddress(prefix) },
  };
  const creator = initialBalances[0]!.address;
  const init = calls.instantiate(
    target,
    env,
    { sender: creator, funds: [] },
    jsonBytes(makeInstantiateMsg(initialBalances)),
  );
  if (!("ok" in init.result)) throw new Error(`engine: instantiate failed: ${init.result.error}`);
  let gas = 0;
  let count = 0;
  return {
    key: "engine",
    label: "engine (metered)",
    run(batch) {
      for (const t of batch) {
        const { result, gasUsed } = calls.execute(target, env, { sender: t.sender, funds: [] }, t.msgBytes);
        if (!("ok" in result)) throw new Error(`engine: transfer from ${t.sender} failed: ${result.error}`);
        if (!(gasUsed > 0)) throw new Error(`engine: transfer reported no gas (${gasUsed}): metering is off`);
        gas += gasUsed;
        count++;
      }
    },
    balance(address) {
      const { result } = calls.query(target, env, balanceQueryBytes(address));
      if (!("ok" in result)) throw new Error(`engine: balance query failed: ${result.error}`);
      const answer = JSON.parse(Buffer.from(result.ok, "base64").toString("utf8")) as { balance: string };
      return BigInt(answer.balance);
    },
    gas: () => ({ total: gas, transfers: count }),
  };
}

/** (a) the floor: the bare contract, pre-encoded message bytes identical to the engine's. */
function floorRunner(wasm: Uint8Array, prefix: string, initialBalances: readonly InitialBalance[]): Runner {
  const cw20 = createBareCw20(wasm, initialBalances, { prefix, chainId: CHAIN_ID });
  return {
    key: "floor",
    label: "bare contract (floor)",
    run(batch) {
      for (const t of batch) cw20.callExecute(t.sender, t.msgBytes);
    },
    balance: (address) => cw20.balance(address),
  };
}

/** (b) cw-simulate, metering on or off; its API takes the message as an object (it serialises it itself). */
async function peerRunner(
  wasm: Uint8Array,
  prefix: string,
  initialBalances: readonly InitialBalance[],
  metering: boolean,
): Promise<Runner> {
  const cw20 = await createCwSimulateCw20(wasm, initialBalances, { metering, prefix, chainId: CHAIN_ID });
  let count = 0;
  const startGas = cw20.gasUsed;
  return {
    key: metering ? "peer_metered" : "peer_unmetered",
    label: metering ? "cw-simulate, metering on" : "cw-simulate, metering off",
    async run(batch) {
      for (const t of batch) {
        await cw20.execute(t.sender, t.msg);
        count++;
      }
    },
    balance: (address) => cw20.balance(address),
    gas: () => ({ total: cw20.gasUsed - startGas, transfers: count }),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >>> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timeBatch(runner: Runner, batch: readonly PreparedTransfer[]): Promise<number> {
  const start = process.hrtime.bigint();
  await runner.run(batch);
  const ns = Number(process.hrtime.bigint() - start);
  return (batch.length * 1e9) / ns;
}

const fmtRate = (x: number): string => Math.round(x).toLocaleString("en-US");
const fmtRatio = (x: number): string => (x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Runs the benchmark; `write` receives every output line (the JSON object last, with --json). */
export async function runBench(options: BenchOptions, write: (line: string) => void): Promise<BenchResult> {
  const wasm = loadCw20BaseWasm();
  const workload = makeWorkload({ accounts: options.accounts, transfers: options.transfers, seed: options.seed });
  const { prefix, initialBalances } = workload;
  // Warm-up messages: same accounts, another seed, so the timed batch is not a replay of the warm-up.
  const warmup = prepare(makeTransfers(workload.accounts, options.warmup, options.seed + 0x9e3779b9));
  const timed = prepare(workload.transfers);

  write(
    `cw20-base transfer: ${options.transfers} timed transfers x ${options.rounds} rounds per runner, ` +
      `${options.warmup} warm-up transfers, ${options.accounts} accounts, node ${process.version}`,
  );
  const runners: Runner[] = [
    engineRunner(wasm, prefix, initialBalances),
    floorRunner(wasm, prefix, initialBalances),
    await peerRunner(wasm, prefix, initialBalances, true),
    await peerRunner(wasm, prefix, initialBalances, false),
  ];

  for (const r of runners) {
    const start = process.hrtime.bigint();
    await r.run(warmup);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    write(`  warm-up ${r.label.padEnd(26)} ${options.warmup} transfers in ${ms.toFixed(0)} ms`);
  }

  const rates = new Map<RunnerKey, number[]>(runners.map((r) => [r.key, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = runners.map((_, i) => runners[(i + round) % runners.length]!);
    const parts: string[] = [];
    for (const r of order) {
      const rate = await timeBatch(r, timed);
      rates.get(r.key)!.push(rate);
      parts.push(`${r.key} ${fmtRate(rate)}/s`);
    }
    write(`  round ${round + 1}/${options.rounds}: ${parts.join(", ")}`);
  }

  // Every runner must end with exactly the balances the transfers imply.
  const expected = expectedBalances(initialBalances, [
    ...warmup,
    ...Array.from({ length: options.rounds }, () => timed).flat(),
  ]);
  for (const r of runners) {
    for (const [address, balance] of expected) {
      const actual = r.balance(address);
      if (actual !== balance) throw new Error(`${r.label}: balance of ${address} is ${actual}, expected ${balance}`);
    }
  }
  write(`  balances checked: ${expected.size} accounts x ${runners.length} runners match expectedBalances`);

  const resultOf = (key: RunnerKey): RunnerResult => {
    const roundsOpsPerS = rates.get(key)!;
    const label = runners.find((r) => r.key === key)!.label;
    return { key, label, opsPerS: median(roundsOpsPerS), roundsOpsPerS };
  };
  const results: Record<RunnerKey, RunnerResult> = {
    engine: resultOf("engine"),
    floor: resultOf("floor"),
    peer_metered: resultOf("peer_metered"),
    peer_unmetered: resultOf("peer_unmetered"),
  };
  const engine = results.engine.opsPerS;
  const vsFloor = engine / results.floor.opsPerS;
  const vsPeerMetered = engine / results.peer_metered.opsPerS;
  const vsPeerUnmetered = engine / results.peer_unmetered.opsPerS;

  const engineGas = runners[0]!.gas!();
  const engineGasPerTransfer = engineGas.total / engineGas.transfers;
  const peerGas = runners[2]!.gas!();
  const peerGasPerTransfer = peerGas.total / peerGas.transfers;

  const targets: TargetVerdict[] = [
    {
      name: "engine >= 5x cw-simulate (metering on)",
      met: vsPeerMetered >= 5,
      detail: `${fmtRatio(vsPeerMetered)}x`,
    },
    {
      name: "engine > cw-simulate (metering off)",
      met: vsPeerUnmetered > 1,
      detail: `${fmtRatio(vsPeerUnmetered)}x`,
    },
    {
      name: "engine >= 0.5x bare contract",
      met: vsFloor >= 0.5,
      detail: `${fmtRatio(vsFloor)}x`,
    },
  ];

  write("");
  write(`${"runner".padEnd(28)}${"ops/s".padStart(10)}${"µs/op".padStart(10)}${"engine ÷ runner".padStart(18)}`);
  for (const r of runners) {
    const res = results[r.key];
    write(
      `${r.label.padEnd(28)}${fmtRate(res.opsPerS).padStart(10)}${(1e6 / res.opsPerS).toFixed(1).padStart(10)}` +
        `${fmtRatio(engine / res.opsPerS).padStart(17)}x`,
    );
  }
  write("");
  write(
    `engine gas per transfer: ${Math.round(engineGasPerTransfer).toLocaleString("en-US")} VM gas ` +
      `(${vmGasToSdkGas(engineGasPerTransfer).toLocaleString("en-US")} SDK gas); ` +
      `cw-simulate reports ${Math.round(peerGasPerTransfer).toLocaleString("en-US")} of its own units`,
  );
  write("targets:");
  for (const t of targets) write(`  ${t.met ? "met    " : "NOT MET"}  ${t.name}: ${t.detail}`);

  const json: Record<string, unknown> = {
    engine_ops_per_s: results.engine.opsPerS,
    floor_ops_per_s: results.floor.opsPerS,
    peer_metered_ops_per_s: results.peer_metered.opsPerS,
    peer_unmetered_ops_per_s: results.peer_unmetered.opsPerS,
    engine_vs_floor: vsFloor,
    engine_vs_peer_metered: vsPeerMetered,
    engine_vs_peer_unmetered: vsPeerUnmetered,
    engine_vm_gas_per_transfer: engineGasPerTransfer,
    engine_sdk_gas_per_transfer: vmGasToSdkGas(engineGasPerTransfer),
    peer_gas_per_transfer: peerGasPerTransfer,
    rounds: Object.fromEntries(runners.map((r) => [r.key, results[r.key].roundsOpsPerS])),
    targets: Object.fromEntries(targets.map((t) => [t.name, t.met])),
    transfers: options.transfers,
    warmup: options.warmup,
    rounds_count: options.rounds,
    node: process.version,
  };
  if (options.json) write(JSON.stringify(json));

  return {
    options,
    runners: results,
    engineGasPerTransfer,
    engineSdkGasPerTransfer: vmGasToSdkGas(engineGasPerTransfer),
    peerGasPerTransfer,
    targets,
    json,
  };
}

/** Entry point: parses `argv` (without node and script), runs, returns the process exit code. */
export async function main(
  argv: readonly string[],
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench:vm: ${(err as Error).message}\n`);
    process.stderr.write("usage: npm run bench:vm -- [--transfers N] [--warmup N] [--rounds N] [--json]\n");
    return 2;
  }
  await runBench(options, write);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
