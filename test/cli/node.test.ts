/**
 * The newcomer's path through the CLI, each command its own process on the same home (so every command is also a
 * restart): init, store cw20-base, instantiate, transfer, query, send coins, look up txs and blocks, verify.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const cw20 = fileURLToPath(
  new URL("../../../node_modules/@oraichain/common-contracts-build/data/cw20-base.wasm", import.meta.url),
);
const MNEMONIC =
  "surround miss nominee dream gap cross assault thank captain prosper drop duty group candy wealth weather scale put";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command with --json; it must succeed and print one JSON document. */
function json<T = Record<string, unknown>>(home: string, ...args: string[]): T {
  const r = cli([...args, "--home", home, "--json"]);
  assert.equal(r.status, 0, `plurigrid ${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

test("init, store and instantiate cw20, transfer, query, send, restart: all through the CLI", (t) => {
  const home = mkdtempSync(join(tmpdir(), "plurigrid-cli-"));
  t.after(() => rmSync(home, { recursive: true, force: true }));

  const init = json<{ chain_id: string; operator: { address: string; mnemonic?: string } }>(
    home,
    "init",
    "--chain-id",
    "cli-test-1",
    "--supply",
    "5000000",
  );
  assert.equal(init.chain_id, "cli-test-1");
  assert.equal(init.operator.mnemonic?.split(" ").length, 24);
  const operator = init.operator.address;
  assert.match(operator, /^grid1/);

  const again = cli(["init", "--home", home]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /^error \[node\.already_initialized\]: .* already holds a node\n$/);

  const bob = json<{ address: string; mnemonic: string }>(home, "keys", "add", "bob");
  assert.equal(bob.mnemonic.split(" ").length, 24);
  const recovered = cli(["keys", "add", "carol", "--recover", "--home", home, "--json"], MNEMONIC);
  assert.equal(recovered.status, 0, recovered.stderr);
  const carol = (JSON.parse(recovered.stdout) as { address: string }).address;
  assert.equal(cli(["keys", "show", "carol", "-a", "--home", home]).stdout.trim(), carol);
  assert.deepEqual(
    json<{ name: string }[]>(home, "keys", "list").map((k) => k.name),
    ["bob", "carol", "operator"],
  );

  const stored = json<{ code: number; code_id: string; height: number }>(home, "tx", "wasm", "store", cw20);
  assert.equal(stored.code, 0);
  assert.equal(stored.code_id, "1");
  assert.equal(stored.height, 1);

  const initMsg = JSON.stringify({
    name: "Grid Token",
    symbol: "GRID",
    decimals: 6,
    initial_balances: [{ address: operator, amount: "1000000" }],
  });
  const noAdmin = cli(["tx", "wasm", "instantiate", "1", initMsg, "--label", "grid", "--home", home]);
  assert.equal(noAdmin.status, 2);
  assert.match(noAdmin.stderr, /neither --admin nor --no-admin/);

  const instantiated = json<{ code: number; contract_address: string }>(
    home,
    "tx",
    "wasm",
    "instantiate",
    "1",
    initMsg,
    "--label",
    "grid",
    "--admin",
    "operator",
  );
  const token = instantiated.contract_address;
  assert.match(token, /^grid1[0-9a-z]{58}$/);

  const transfer = json<{ code: number; txhash: string; events: { type: string }[] }>(
    home,
    "tx",
    "wasm",
    "execute",
    token,
    JSON.stringify({ transfer: { recipient: carol, amount: "2500" } }),
  );
  assert.equal(transfer.code, 0);
  assert.ok(transfer.events.some((e) => e.type === "wasm"));

  const balance = json<{ data: { balance: string } }>(
    home,
    "query",
    "wasm",
    "contract-state",
    "smart",
    token,
    JSON.stringify({ balance: { address: carol } }),
  );
  assert.deepEqual(balance, { data: { balance: "2500" } });

  // A failing execution with --gas auto is caught by the simulation: nothing reaches a block.
  const overdraft = JSON.stringify({ transfer: { recipient: carol, amount: "999999999" } });
  const refused = cli(["tx", "wasm", "execute", token, overdraft, "--home", home]);
  assert.equal(refused.status, 2);
  assert.match(
    refused.stderr,
    /^error \[node\.tx_rejected\]: gas estimation failed: .*Cannot Sub with 997500 and 999999999.*\n$/,
  );
  // With a fixed gas limit it goes into a block and fails there: exit status 1, the error on one stderr line.
  const failed = cli(["tx", "wasm", "execute", token, overdraft, "--gas", "400000", "--home", home, "--json"]);
  assert.equal(failed.status, 1);
  assert.equal((JSON.parse(failed.stdout) as { code: number }).code, 5);
  assert.match(failed.stderr, /^error: tx [0-9A-F]{64} failed in block 4: .*execute wasm contract failed\n$/);

  const failedTx = JSON.parse(failed.stdout) as { txhash: string };
  const recorded = json<{ code: number; raw_log: string; gas_used: string }>(home, "query", "tx", failedTx.txhash);
  assert.equal(recorded.code, 5);
  assert.match(recorded.raw_log, /Cannot Sub with 997500 and 999999999/);

  // cw20-base keeps its token info under the raw key "token_info".
  const raw = json<{ data: string }>(
    home,
    "query",
    "wasm",
    "contract-state",
    "raw",
    token,
    Buffer.from("token_info").toString("hex"),
  );
  assert.equal((JSON.parse(Buffer.from(raw.data, "base64").toString()) as { symbol: string }).symbol, "GRID");
  assert.deepEqual(json(home, "query", "wasm", "contract-state", "raw", token, "00"), { data: null });

  const sent = json<{ code: number; txhash: string }>(home, "tx", "bank", "send", "operator", carol, "1234ugrid");
  assert.equal(sent.code, 0);
  assert.deepEqual(json(home, "query", "bank", "balances", carol).balances, [{ denom: "ugrid", amount: "1234" }]);

  const tx = json<{ height: string; code: number; txhash: string; tx: { body: { messages: { "@type": string }[] } } }>(
    home,
    "query",
    "tx",
    transfer.txhash,
  );
  assert.equal(tx.code, 0);
  assert.equal(tx.tx.body.messages[0]["@type"], "/cosmwasm.wasm.v1.MsgExecuteContract");

  const contract = json<{ contract_info: { code_id: string; admin: string; label: string } }>(
    home,
    "query",
    "wasm",
    "contract",
    token,
  );
  assert.deepEqual(
    [contract.contract_info.code_id, contract.contract_info.admin, contract.contract_info.label],
    ["1", operator, "grid"],
  );
  assert.deepEqual(json(home, "query", "wasm", "list-contract-by-code", "1").contracts, [token]);
  assert.equal((json(home, "query", "wasm", "list-code").code_infos as unknown[]).length, 1);

  const block = json<{ header: { height: number; chain_id: string }; signature: string }>(home, "query", "block");
  assert.equal(block.header.height, 5);
  assert.equal(block.header.chain_id, "cli-test-1");
  assert.equal(json<{ header: { height: number } }>(home, "query", "block", "2").header.height, 2);

  const verified = json<{ valid: boolean; height: number; replayed: boolean }>(home, "verify", "--replay");
  assert.deepEqual([verified.valid, verified.height, verified.replayed], [true, 5, true]);

  // Human-readable output is text, not JSON.
  const readable = cli(["query", "bank", "balances", "carol", "--home", home]);
  assert.equal(readable.status, 0);
  assert.match(readable.stdout, /balances:\n {2}- denom: ugrid\n {4}amount: 1234\n/);
});

test("CLI errors are one clear line on stderr with a non-zero exit", (t) => {
  const home = mkdtempSync(join(tmpdir(), "plurigrid-cli-"));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const missing = cli(["query", "block", "--home", join(home, "nowhere")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^error \[node\.not_initialized\]: .*run plurigrid init --home .*\n$/);

  assert.equal(cli(["init", "--home", home]).status, 0);
  const cases: [string[], RegExp][] = [
    [["query", "bank", "balances", "grid1nope"], /^error \[node\.key_not_found\]: no key named grid1nope/],
    [["query", "tx", "AB".repeat(32)], /^error \[node\.not_found\]: tx (AB)+ not found\n$/],
    [["query", "block", "9"], /^error \[node\.not_found\]: no block at height 9 \(the head is at 0\)\n$/],
    [["tx", "bank", "send", "operator", "grid1xyz", "5ugrid"], /invalid address/],
    [["tx", "bank", "send", "operator", "grid1xyz", "five"], /invalid coin expression/],
    [["tx", "wasm", "execute", "grid1xyz", "{not json"], /^error \[cli\.usage\]: the message is not valid JSON/],
    [["tx", "wasm", "store", join(home, "missing.wasm")], /^error \[cli\.usage\]: cannot read .*missing\.wasm/],
  ];
  for (const [args, pattern] of cases) {
    const r = cli([...args, "--home", home]);
    assert.notEqual(r.status, 0, args.join(" "));
    assert.match(r.stderr, pattern, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
  }
});
