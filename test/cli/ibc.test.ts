/**
 * IBC between two nodes through the CLI only, every command its own process on real homes: init two nodes, open a
 * transfer channel with the relayer, send tokens, relay, and read balances, channels and packets back.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { ibcDenom } from "../../src/ibc/apps/transfer/denom.js";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `relay create-channel` of an unordered ics20-1 channel between the two homes' transfer ports; must succeed. */
function createTransferChannel(path: string[]) {
  const created = cli([
    "relay",
    "create-channel",
    ...path,
    "--port-a",
    "transfer",
    "--port-b",
    "transfer",
    "--version",
    "ics20-1",
  ]);
  assert.equal(created.status, 0, created.stderr);
  return created;
}

/** The same as `cli`, without blocking this process (so a child started with `spawn` keeps being served). */
function cliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

function json<T>(...args: string[]): T {
  const r = cli([...args, "--json"]);
  assert.equal(r.status, 0, `plurigrid ${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

test("two nodes: create a transfer channel, ibc-transfer, relay clear, balances and IBC queries", (t) => {
  const root = mkdtempSync(join(tmpdir(), "plurigrid-ibc-cli-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const alpha = join(root, "alpha");
  const beta = join(root, "beta");
  const opA = json<{ operator: { address: string } }>("init", "--home", alpha, "--chain-id", "alpha-1").operator
    .address;
  const opB = json<{ operator: { address: string } }>(
    "init",
    "--home",
    beta,
    "--chain-id",
    "beta-1",
    "--denom",
    "uwatt",
  ).operator.address;
  const path = ["--home-a", alpha, "--home-b", beta];

  const created = createTransferChannel(path);
  assert.match(
    created.stdout,
    /^SUCCESS channel open \(unordered, version ics20-1\)\n {2}alpha-1 {2}transfer\/channel-0 /,
  );

  const sent = json<{ code: number; packet_sequence: string }>(
    "tx",
    "ibc-transfer",
    "transfer",
    "transfer",
    "channel-0",
    opB,
    "1500ugrid",
    "--home",
    alpha,
  );
  assert.equal(sent.code, 0);
  assert.equal(sent.packet_sequence, "1");
  assert.deepEqual(
    json<{ commitments: { sequence: string }[] }>(
      "query",
      "ibc",
      "packet-commitments",
      "transfer",
      "channel-0",
      "--home",
      alpha,
    ).commitments.map((c) => c.sequence),
    ["1"],
  );
  assert.deepEqual(
    json<{ sequences: string[] }>(
      "query",
      "ibc",
      "unreceived-packets",
      "transfer",
      "channel-0",
      "--sequences",
      "1",
      "--home",
      beta,
    ).sequences,
    ["1"],
  );

  const cleared = cli(["relay", "clear", ...path]);
  assert.equal(cleared.status, 0, cleared.stderr);
  assert.match(cleared.stdout, /^SUCCESS cleared alpha-1 ⇄ beta-1: 1 packet, 1 ack, 0 timeouts, 0 channel closes\n$/);

  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: "channel-0" }] });
  const balances = json<{ balances: { denom: string; amount: string }[] }>(
    "query",
    "bank",
    "balances",
    opB,
    "--home",
    beta,
  );
  assert.deepEqual(
    balances.balances.find((b) => b.denom === voucher),
    { denom: voucher, amount: "1500" },
  );
  const left = json<{ balances: { denom: string; amount: string }[] }>(
    "query",
    "bank",
    "balances",
    opA,
    "--home",
    alpha,
  );
  assert.equal(left.balances.find((b) => b.denom === "ugrid")?.amount, String(1_000_000_000_000 - 1500));
  assert.deepEqual(
    json<{ commitments: unknown[] }>("query", "ibc", "packet-commitments", "transfer", "channel-0", "--home", alpha)
      .commitments,
    [],
  );
  assert.deepEqual(
    json<{ sequences: string[] }>(
      "query",
      "ibc",
      "unreceived-acks",
      "transfer",
      "channel-0",
      "--sequences",
      "1",
      "--home",
      alpha,
    ).sequences,
    [],
  );
  const channels = json<{ channels: { port_id: string; channel_id: string; state: string; counterparty: unknown }[] }>(
    "query",
    "ibc",
    "channels",
    "--home",
    beta,
  );
  assert.deepEqual(
    channels.channels.map((c) => [c.port_id, c.channel_id, c.state, c.counterparty]),
    [["transfer", "channel-0", "STATE_OPEN", { port_id: "transfer", channel_id: "channel-0" }]],
  );
  const channel = cli(["query", "ibc", "channel", "transfer", "channel-9", "--home", beta]);
  assert.equal(channel.status, 2);
  assert.match(channel.stderr, /error \[node\.not_found\]: no channel end transfer\/channel-9/);

  // Bad input is refused before anything reaches a block.
  const twoCoins = cli([
    "tx",
    "ibc-transfer",
    "transfer",
    "transfer",
    "channel-0",
    opB,
    "1ugrid,2uwatt",
    "--home",
    alpha,
  ]);
  assert.equal(twoCoins.status, 2);
  assert.match(twoCoins.stderr, /exactly one coin/);
  const bareHeight = cli([
    "tx",
    "ibc-transfer",
    "transfer",
    "transfer",
    "channel-0",
    opB,
    "1ugrid",
    "--packet-timeout-height",
    "100",
    "--home",
    alpha,
  ]);
  assert.equal(bareHeight.status, 2);
  assert.match(bareHeight.stderr, /REVISION-HEIGHT/);
  const unknownChannel = cli([
    "tx",
    "ibc-transfer",
    "transfer",
    "transfer",
    "channel-5",
    opB,
    "1ugrid",
    "--home",
    alpha,
  ]);
  assert.equal(unknownChannel.status, 2);
  assert.match(unknownChannel.stderr, /channel-5/);

  // Both chains replay to the same headers: IBC txs, proofs and callbacks are deterministic.
  for (const home of [alpha, beta]) {
    const verified = cli(["verify", "--replay", "--home", home]);
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /verified: \d+ block\(s\) from genesis, .* state replayed/);
  }

  // Nothing left to relay.
  const again = json<{ packets: number; acks: number; failures: unknown[] }>("relay", "clear", ...path);
  assert.deepEqual([again.packets, again.acks, again.failures], [0, 0, []]);
});

test("relay start releases the homes between passes: a transfer sent while it runs is relayed by it", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "plurigrid-ibc-start-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const alpha = join(root, "alpha");
  const beta = join(root, "beta");
  json("init", "--home", alpha, "--chain-id", "alpha-1");
  const opB = json<{ operator: { address: string } }>("init", "--home", beta, "--chain-id", "beta-1").operator.address;
  const path = ["--home-a", alpha, "--home-b", beta];
  createTransferChannel(path);

  const relayer = spawn(process.execPath, [bin, "relay", "start", ...path, "--interval", "200", "--json"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  relayer.stdout.on("data", (d: Buffer) => (out += d.toString()));
  relayer.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => relayer.on("exit", (code) => resolve(code)));
  t.after(() => relayer.kill("SIGKILL"));

  // Another process uses alpha's home while the relayer runs (it waits for a pass to end if it must).
  const sent = await cliAsync([
    "tx",
    "ibc-transfer",
    "transfer",
    "transfer",
    "channel-0",
    opB,
    "700ugrid",
    "--home",
    alpha,
    "--json",
  ]);
  assert.equal(sent.status, 0, sent.stderr);
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: "channel-0" }] });
  let received: string | undefined;
  for (let i = 0; i < 60 && received === undefined; i++) {
    await delay(250);
    const r = await cliAsync(["query", "bank", "balances", opB, "--home", beta, "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const balances = (JSON.parse(r.stdout) as { balances: { denom: string; amount: string }[] }).balances;
    received = balances.find((b) => b.denom === voucher)?.amount;
  }
  assert.equal(received, "700", `relayer output: ${out}${err}`);
  relayer.kill("SIGINT");
  assert.equal(await exited, 0, err);
  const passes = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { packets: number; acks: number });
  assert.equal(
    passes.reduce((n, p) => n + p.packets, 0),
    1,
    out,
  );
});
