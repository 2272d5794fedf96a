/**
 * Persistence on the embedded store: a node restarted from its home directory finds every balance, contract and
 * block; a node SIGKILLed in the middle of a burst of txs restarts at its last committed block with a header chain
 * that verifies, cw20 supply equal to the sum of balances, and no half-applied tx.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "@noble/hashes/sha2.js";
import { MsgExecuteContract, MsgInstantiateContract, MsgStoreCode } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { verifyChain } from "../../src/node/block/verify.js";
import { type BroadcastOutcome, TxClient } from "../../src/node/client.js";
import { NodeHome, initHome, type OpenNode } from "../../src/node/home.js";
import { NodeQueries } from "../../src/node/query.js";
import { CRASH_DENOM, transferOf } from "./crash_worker.js";
import { bankSend, commonContract, json, TestAccount, ugrid } from "./helpers.js";

const worker = fileURLToPath(new URL("./crash_worker.js", import.meta.url));
const MNEMONIC =
  "surround miss nominee dream gap cross assault thank captain prosper drop duty group candy wealth weather scale put";

/** A seeded PRNG (mulberry32): the kill points vary between runs of the loop, not between test runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function newHome(denom = "ugrid"): Promise<{ dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-node-"));
  await initHome(dir, {
    chainId: "persist-1",
    denom,
    supply: 1_000_000_000n,
    prefix: "grid",
    genesisTimeNs: 1_767_225_600_000_000_000n,
    nodeKeySecret: sha256(new TextEncoder().encode("persistence node key")),
    operator: { mnemonic: MNEMONIC },
  });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A node session on a home: the operator signs, every tx is its own block. */
class Session {
  readonly node: OpenNode;
  readonly client: TxClient;
  private clock = 1_767_225_600_000_000_000n;

  private constructor(
    readonly home: NodeHome,
    readonly operator: string,
    private readonly privateKey: Uint8Array,
  ) {
    this.node = home.open({ synchronous: "normal" });
    this.client = new TxClient(this.node.chain, home.readNodeKey());
  }

  static async open(dir: string): Promise<Session> {
    const home = new NodeHome(dir);
    const keyring = home.keyring();
    return new Session(home, keyring.show("operator").address, await keyring.privateKey("operator"));
  }

  get chain() {
    return this.node.chain;
  }

  get queries() {
    return new NodeQueries(this.node.chain);
  }

  tx(messages: Any[]): BroadcastOutcome {
    this.clock += 1_000_000_000n;
    const signed = this.client.sign({ messages, gas: "auto" }, this.privateKey, this.operator, this.clock);
    const outcome = this.client.broadcast(signed, this.clock);
    assert.equal(outcome.result.code, 0, outcome.result.log);
    return outcome;
  }

  close(): void {
    this.node.close();
  }
}

const any = <T>(
  type: { typeUrl: string; fromPartial(o: object): T; encode(m: T): { finish(): Uint8Array } },
  o: object,
) => ({
  typeUrl: type.typeUrl,
  value: type.encode(type.fromPartial(o)).finish(),
});

async function deployCw20(s: Session, balances: { address: string; amount: string }[]): Promise<string> {
  const codeId = s.tx([any(MsgStoreCode, { sender: s.operator, wasmByteCode: commonContract("cw20-base") })]).codeId!;
  return s.tx([
    any(MsgInstantiateContract, {
      sender: s.operator,
      codeId: BigInt(codeId),
      label: "grid token",
      admin: s.operator,
      msg: json({ name: "Grid", symbol: "GRID", decimals: 6, initial_balances: balances }),
    }),
  ]).contractAddress!;
}

test("a node restarted from its home directory finds every balance, contract and block", async (t) => {
  const { dir, cleanup } = await newHome();
  t.after(cleanup);
  const bob = new TestAccount("bob").address;

  const first = await Session.open(dir);
  const token = await deployCw20(first, [{ address: first.operator, amount: "1000" }]);
  first.tx([bankSend(first.operator, bob, ugrid(777))]);
  first.tx([
    any(MsgExecuteContract, {
      sender: first.operator,
      contract: token,
      msg: json({ transfer: { recipient: bob, amount: "40" } }),
    }),
  ]);
  const before = {
    status: first.queries.status(),
    balances: first.queries.balances(bob),
    contract: first.queries.contract(token),
    codes: first.queries.listCode(),
    cw20: first.queries.smart(token, JSON.stringify({ balance: { address: bob } })),
    blocks: [1, 2, 3, 4].map((h) => first.queries.block(h)),
    account: first.queries.account(first.operator),
  };
  first.close();

  const second = await Session.open(dir);
  t.after(() => second.close());
  assert.deepEqual(second.queries.status(), before.status);
  assert.deepEqual(second.queries.balances(bob), before.balances);
  assert.deepEqual(second.queries.contract(token), before.contract);
  assert.deepEqual(second.queries.listCode(), before.codes);
  assert.deepEqual(second.queries.smart(token, JSON.stringify({ balance: { address: bob } })), before.cw20);
  assert.deepEqual(
    [1, 2, 3, 4].map((h) => second.queries.block(h)),
    before.blocks,
  );
  assert.deepEqual(second.queries.account(second.operator), before.account);

  // The restarted node goes on from there, and the whole chain verifies, state replayed.
  second.tx([
    any(MsgExecuteContract, {
      sender: second.operator,
      contract: token,
      msg: json({ transfer: { recipient: bob, amount: "2" } }),
    }),
  ]);
  assert.deepEqual(second.queries.smart(token, JSON.stringify({ balance: { address: bob } })), {
    data: { balance: "42" },
  });
  assert.deepEqual(verifyChain(second.chain, { replay: true }).height, 5);
});

test("a home refuses a genesis document that is not the one its store was created with", async (t) => {
  const { dir, cleanup } = await newHome();
  t.after(cleanup);
  const home = new NodeHome(dir);
  const genesis = JSON.parse(readFileSync(home.genesisPath, "utf8")) as { chain_id: string };
  writeFileSync(home.genesisPath, JSON.stringify({ ...genesis, chain_id: "another-1" }));
  assert.throws(() => home.open(), /\[?genesis document does not match the one this store was created with/);
});

/** Starts the worker and SIGKILLs it `delayMs` after its first committed block; returns the last height it reported. */
async function runAndKill(dir: string, token: string, recipients: string[], delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [worker, dir, token, JSON.stringify(recipients)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let stderr = "";
  let timer: NodeJS.Timeout | undefined;
  const kill = () => child.kill("SIGKILL");
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    if (timer === undefined) timer = setTimeout(kill, delayMs);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const watchdog = setTimeout(kill, 30_000); // a worker that never commits fails below instead of hanging
  const how = await exited;
  clearTimeout(timer);
  clearTimeout(watchdog);
  assert.equal(how, "SIGKILL", `the worker must still be running when killed (stderr: ${stderr})`);
  const lines = out.split("\n").slice(0, -1); // the last piece may be a line cut by the kill
  assert.ok(lines.length > 0, `the worker never committed a block (stderr: ${stderr})`);
  return Number(lines[lines.length - 1].split(" ")[1]);
}

test("SIGKILL in the middle of a burst of txs, many times: the node restarts consistent every time", async (t) => {
  const { dir, cleanup } = await newHome(CRASH_DENOM);
  t.after(cleanup);
  const recipients = ["r1", "r2", "r3", "r4", "r5"].map((name) => new TestAccount(name).address);
  const setup = await Session.open(dir);
  const token = await deployCw20(setup, [{ address: setup.operator, amount: "1000000" }]);
  const setupHeight = setup.chain.head().height;
  const operator = setup.operator;
  setup.close();

  const random = prng(20260101);
  let reported = 0;
  for (let kill = 0; kill < 5; kill++) {
    reported = Math.max(reported, await runAndKill(dir, token, recipients, Math.floor(random() * 120)));
    const s = await Session.open(dir);
    try {
      const head = s.chain.head().height;
      assert.ok(head >= reported, `kill ${kill}: block ${reported} was reported committed but the head is ${head}`);
      verifyChain(s.chain);

      // cw20: the supply is the sum of all balances.
      const q = (msg: unknown) => s.queries.smart(token, JSON.stringify(msg)).data as Record<string, unknown>;
      const holders = (q({ all_accounts: { limit: 30 } }).accounts as string[]).sort();
      for (const a of holders) assert.ok(a === operator || recipients.includes(a), `unexpected holder ${a}`);
      const sum = holders.reduce(
        (n, a) => n + Number((q({ balance: { address: a } }) as { balance: string }).balance),
        0,
      );
      assert.equal(Number(q({ token_info: {} }).total_supply), sum, `kill ${kill}: cw20 supply is the sum of balances`);

      // No half-applied tx: every recipient got exactly what the committed blocks sent, in both assets.
      const expected = new Map(recipients.map((r) => [r, 0]));
      for (let h = setupHeight + 1; h <= head; h++) {
        const { to, amount } = transferOf(h, recipients);
        expected.set(to, expected.get(to)! + amount);
      }
      for (const r of recipients) {
        const cw20 = Number((q({ balance: { address: r } }) as { balance: string }).balance);
        const bank = s.queries.balances(r).balances.find((c) => c.denom === CRASH_DENOM)?.amount ?? "0";
        assert.equal(cw20, expected.get(r), `kill ${kill}: cw20 balance of ${r}`);
        assert.equal(Number(bank), expected.get(r), `kill ${kill}: bank balance of ${r}`);
      }
      assert.equal(s.queries.account(operator).account.sequence, String(head), "one operator tx per block");
    } finally {
      s.close();
    }
  }
  const last = await Session.open(dir);
  t.after(() => last.close());
  assert.ok(verifyChain(last.chain, { replay: true }).replayed);
});
