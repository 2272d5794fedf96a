import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { formatSummary, relayCommands, summaryJson } from "../../src/cli/relay.js";
import { MemoryChain } from "../../src/relayer/memory_chain.js";
import { DEFAULT_BLOCK_TIME_NS } from "../../src/relayer/memory_chain.js";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

/** Runs `plurigrid relay …` in process over in-memory chains named by their "home". */
function cli(chains: Record<string, MemoryChain>) {
  return async (...args: string[]) => {
    let stdout = "";
    let exit = 0;
    const program = new Command("plurigrid").exitOverride();
    relayCommands(
      async (home) => chains[home]!,
      (text) => (stdout += text),
    )(program, (code) => (exit = Math.max(exit, code)));
    await program.parseAsync(["node", "plurigrid", ...args]);
    return { stdout, exit };
  };
}

function chains() {
  const alpha = new MemoryChain({ chainId: "alpha-1", nodeKey: new Uint8Array(32).fill(1) });
  const beta = new MemoryChain({ chainId: "beta-1", nodeKey: new Uint8Array(32).fill(2) });
  return { alpha, beta, run: cli({ "/homes/alpha": alpha, "/homes/beta": beta }) };
}

const path = ["--home-a", "/homes/alpha", "--home-b", "/homes/beta"];

test("relay create-channel prints both channel ends, hermes-like or as JSON", async () => {
  const { run } = chains();
  const first = await run(
    "relay",
    "create-channel",
    ...path,
    "--port-a",
    "transfer",
    "--port-b",
    "transfer",
    "--version",
    "ics20-1",
  );
  assert.equal(first.exit, 0);
  assert.equal(
    first.stdout,
    [
      "SUCCESS channel open (unordered, version ics20-1)",
      "  alpha-1  transfer/channel-0  via connection-0 (client 06-solomachine-0)",
      "  beta-1   transfer/channel-0  via connection-0 (client 06-solomachine-0)",
      "",
    ].join("\n"),
  );
  const second = await run(
    "relay",
    "create-channel",
    ...path,
    "--port-a",
    "transfer",
    "--port-b",
    "transfer",
    "--version",
    "",
    "--json",
  );
  assert.deepEqual(JSON.parse(second.stdout), {
    order: "ORDER_UNORDERED",
    version: "ics20-1",
    a: {
      chainId: "alpha-1",
      clientId: "06-solomachine-0",
      connectionId: "connection-0",
      portId: "transfer",
      channelId: "channel-1",
    },
    b: {
      chainId: "beta-1",
      clientId: "06-solomachine-0",
      connectionId: "connection-0",
      portId: "transfer",
      channelId: "channel-1",
    },
  });
  await assert.rejects(
    run(
      "relay",
      "create-channel",
      ...path,
      "--port-a",
      "transfer",
      "--port-b",
      "transfer",
      "--version",
      "v",
      "--order",
      "sideways",
    ),
    (e: unknown) => (e as { code?: string }).code === "relayer.invalid_argument",
  );
});

test("relay clear prints counts of packets, acks and timeouts; relay start keeps going until its passes run out", async () => {
  const { alpha, beta, run } = chains();
  await run("relay", "create-channel", ...path, "--port-a", "transfer", "--port-b", "transfer", "--version", "ics20-1");
  const alice = alpha.address("alice");
  const bob = beta.address("bob");
  alpha.mint(alice, [{ denom: "ugrid", amount: 100n }]);
  alpha.transfer({ sourceChannel: "channel-0", sender: alice, receiver: bob, denom: "ugrid", amount: 1n });
  alpha.transfer({ sourceChannel: "channel-0", sender: alice, receiver: bob, denom: "ugrid", amount: 2n });
  alpha.transfer({
    sourceChannel: "channel-0",
    sender: alice,
    receiver: bob,
    denom: "ugrid",
    amount: 3n,
    timeoutTimestamp: beta.head.timeNs + DEFAULT_BLOCK_TIME_NS,
  });
  beta.advance(1);
  const cleared = await run("relay", "clear", ...path);
  assert.equal(cleared.stdout, "SUCCESS cleared alpha-1 ⇄ beta-1: 2 packets, 2 acks, 1 timeout, 0 channel closes\n");
  assert.equal(cleared.exit, 0);
  assert.deepEqual(JSON.parse((await run("relay", "clear", ...path, "--json")).stdout), {
    packets: 0,
    acks: 0,
    timeouts: 0,
    closes: 0,
    failures: [],
  });
  alpha.transfer({ sourceChannel: "channel-0", sender: alice, receiver: bob, denom: "ugrid", amount: 4n });
  const started = await run("relay", "start", ...path, "--interval", "1", "--max-passes", "2", "--json");
  assert.deepEqual(
    started.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    [{ pass: 1, packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] }],
  );
  assert.equal(alpha.balance(alice, "ugrid"), 100n - 1n - 2n - 4n);
});

test("a home that holds no node is refused with a typed error", () => {
  const r = spawnSync(process.execPath, [bin, "relay", "clear", ...path], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error \[node\.not_initialized\]: \/homes\/alpha is not a Plurigrid home/);
});

test("failures are listed under a PARTIAL headline, and in JSON with string sequences", () => {
  const summary = {
    packets: 1,
    acks: 0,
    timeouts: 0,
    closes: 0,
    failures: [
      {
        chainId: "alpha-1",
        kind: "ack" as const,
        portId: "ping",
        channelId: "channel-0",
        sequence: 2n,
        error: { code: "ibc.ibc.Logic", message: "app refused" },
      },
    ],
  };
  assert.equal(
    formatSummary("alpha-1", "beta-1", summary),
    "PARTIAL cleared alpha-1 ⇄ beta-1: 1 packet, 0 acks, 0 timeouts, 0 channel closes\n" +
      "  FAILED ack on alpha-1 ping/channel-0 packet 2: [ibc.ibc.Logic] app refused\n",
  );
  assert.equal(summaryJson(summary).failures[0]!.sequence, "2");
});
