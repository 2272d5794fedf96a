/**
 * The contract side of IBC (WasmRelay, wasmd's relay.go) on the ibc-probe contract: what the IBC module of the
 * next issue will call. Each call runs in a context on a branch of the committed state, as an IBC message would.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { AbciError } from "../../src/node/errors.js";
import { CacheKv } from "../../src/store/cache.js";
import { ContractAbortError } from "../../src/node/modules/wasm/relay.js";
import type { IbcChannel, IbcPacket } from "../../src/vm/types.js";
import { b64, bankSend, builtContract, TestAccount, TestChain, ugrid } from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");

function probe(config: unknown = {}): { t: TestChain; contract: string; channel: IbcChannel; packet: IbcPacket } {
  const t = TestChain.withAccounts([alice, 1_000_000]);
  const contract = t.instantiate(alice, t.storeCode(alice, builtContract("ibc-probe")), { config });
  t.run(alice, [bankSend(alice.address, contract, ugrid(100))]);
  const port = t.app.wasm.keeper.contractInfo(t.chain.queryContext(), contract)!.ibcPortId;
  const channel: IbcChannel = {
    endpoint: { port_id: port, channel_id: "channel-0" },
    counterparty_endpoint: { port_id: "wasm.remote", channel_id: "channel-3" },
    order: "ORDER_UNORDERED",
    version: "probe-1",
    connection_id: "connection-0",
  };
  const packet: IbcPacket = {
    data: b64({ hello: "grid" }),
    src: channel.counterparty_endpoint,
    dest: channel.endpoint,
    sequence: 1,
    timeout: { block: null, timestamp: "1900000000000000000" },
  };
  return { t, contract, channel, packet };
}

const history = (t: TestChain, ctx: ReturnType<TestChain["chain"]["queryContext"]>, contract: string) =>
  (
    JSON.parse(
      new TextDecoder().decode(t.app.wasm.keeper.querySmart(ctx, contract, new TextEncoder().encode('{"history":{}}'))),
    ) as {
      records: { kind: string }[];
    }
  ).records.map((r) => r.kind);

test("channel handshake: the contract may set the version, refuse, and its callbacks run with their events", () => {
  const { t, contract, channel } = probe({ open: { version: "probe-2" } });
  const ctx = t.chain.queryContext();
  const relay = t.app.wasm.relay;
  assert.equal(
    relay.ibcChannelOpen(ctx, contract, { open_try: { channel, counterparty_version: "probe-1" } }),
    "probe-2",
  );
  relay.ibcChannelConnect(ctx, contract, { open_confirm: { channel } });
  assert.deepEqual(history(t, ctx, contract), ["ibc_channel_open", "ibc_channel_connect"]);
  assert.deepEqual(
    ctx.events.events.map((e) => e.type),
    ["wasm"],
  );

  const refusing = probe({ open: { error: "wrong version" }, close: { error: "stay open" } });
  const ctx2 = refusing.t.chain.queryContext();
  assert.throws(
    () => refusing.t.app.wasm.relay.ibcChannelOpen(ctx2, refusing.contract, { open_init: { channel } }),
    (err: unknown) =>
      err instanceof AbciError && err.deterministic && err.message === "wrong version: execute wasm contract failed",
  );
  assert.throws(
    () => refusing.t.app.wasm.relay.ibcChannelClose(ctx2, refusing.contract, { close_init: { channel } }),
    /stay open: execute wasm contract failed/,
  );
});

test("receive: an ack, an error outcome, an abort, or no ack yet (async)", () => {
  const ack = b64({ result: "ok" });
  for (const [config, expected] of [
    [{ receive: { ack } }, { ok: { ack: Buffer.from(ack, "base64") } }],
    [{ receive: { error: "cannot take it" } }, { error: "cannot take it" }],
    [{ receive: { async: true } }, { ok: { ack: null } }],
  ] as const) {
    const { t, contract, packet } = probe(config);
    const outcome = t.app.wasm.relay.ibcPacketReceive(t.chain.queryContext(), contract, {
      packet,
      relayer: bob.address,
    });
    if ("ok" in expected && expected.ok.ack) {
      assert.ok("ok" in outcome && outcome.ok.ack);
      assert.deepEqual(Buffer.from(outcome.ok.ack), expected.ok.ack);
    } else {
      assert.deepEqual(outcome, expected);
    }
  }
  const { t, contract, packet } = probe({ receive: { panic: "bug" } });
  assert.throws(
    () => t.app.wasm.relay.ibcPacketReceive(t.chain.queryContext(), contract, { packet, relayer: bob.address }),
    (err: unknown) => err instanceof ContractAbortError && /Aborted: bug/.test(err.message),
  );
});

test("receive: submessages run and a reply's data replaces the ack", () => {
  const send = { bank: { send: { to_address: bob.address, amount: [{ denom: "ugrid", amount: "7" }] } } };
  const { t, contract, packet } = probe({
    receive: { ack: b64("original"), messages: [{ id: 1, msg: send, reply_on: "success" }] },
    reply: { data: b64("from reply") },
  });
  const ctx = t.chain.queryContext();
  const outcome = t.app.wasm.relay.ibcPacketReceive(ctx, contract, { packet, relayer: bob.address });
  assert.ok("ok" in outcome && outcome.ok.ack);
  assert.equal(new TextDecoder().decode(outcome.ok.ack), JSON.stringify("from reply"));
  assert.equal(t.app.bank.getBalance(ctx, bob.address, "ugrid").amount, 7n);
  assert.deepEqual(history(t, ctx, contract), ["ibc_packet_receive", "reply"]);
});

test("ack and timeout callbacks: a contract error fails the call (the IBC module then reverts the relay tx)", () => {
  const { t, contract, packet } = probe({ ack: { error: "no ack for you" } });
  const ctx = t.chain.queryContext();
  assert.throws(
    () =>
      t.app.wasm.relay.ibcPacketAck(ctx, contract, {
        acknowledgement: { data: b64({ result: "ok" }) },
        original_packet: packet,
        relayer: bob.address,
      }),
    /no ack for you: execute wasm contract failed/,
  );
  t.app.wasm.relay.ibcPacketTimeout(ctx, contract, { packet, relayer: bob.address });
  assert.deepEqual(history(t, ctx, contract), ["ibc_packet_timeout"]);
});

test("the relay runs on the branch the IBC layer hands it (ExecContext.withStore); dropping it drops the writes", () => {
  const { t, contract, packet } = probe({ receive: { ack: b64("ok") } });
  const ctx = t.chain.queryContext();
  const branch = new CacheKv(ctx.store);
  t.app.wasm.relay.ibcPacketReceive(ctx.withStore(branch), contract, { packet, relayer: bob.address });
  assert.deepEqual(history(t, ctx.withStore(branch), contract), ["ibc_packet_receive"]);
  assert.deepEqual(history(t, ctx, contract), [], "nothing reached the parent");
  branch.write();
  assert.deepEqual(history(t, ctx, contract), ["ibc_packet_receive"]);
});
