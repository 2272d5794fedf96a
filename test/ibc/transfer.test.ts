import { test } from "node:test";
import assert from "node:assert/strict";
import { toBech32 } from "@cosmjs/encoding";
import { fromUtf8, utf8 } from "../../src/ibc/bytes.js";
import type { Coin, TransferBank } from "../../src/ibc/apps/transfer/bank.js";
import { denomJson, extractDenomFromPath, ibcDenom } from "../../src/ibc/apps/transfer/denom.js";
import { escrowAddress } from "../../src/ibc/apps/transfer/escrow.js";
import { TransferModule } from "../../src/ibc/apps/transfer/module.js";
import { decodePacketData, encodePacketData } from "../../src/ibc/apps/transfer/packet.js";
import { ChannelErrors } from "../../src/ibc/channel/errors.js";
import type { IbcContext } from "../../src/ibc/context.js";
import { CoreErrors, isIbcError, type IbcErrorKind } from "../../src/ibc/errors.js";
import type { IbcEvent } from "../../src/ibc/events.js";
import { PlurigridError } from "../../src/errors.js";
import { connectedChains, Order, type Relay, type TestChain, writtenAck } from "./harness.js";

const fails = (kind: IbcErrorKind, pattern?: RegExp) => (e: unknown) =>
  isIbcError(e, kind) && (pattern === undefined || pattern.test((e as Error).message));
const attrs = (e: IbcEvent) => e.attributes.map((a) => [a.key, a.value]);

/** A bank over the chain's store, as the node's bank module will be: balances at bank/{address}/{denom}. */
class StoreBank implements TransferBank {
  private key(address: string, denom: string) {
    return utf8(`bank/${address}/${denom}`);
  }
  balance(ctx: IbcContext, address: string, denom: string): bigint {
    const bytes = ctx.store.get(this.key(address, denom));
    return bytes === undefined ? 0n : BigInt(fromUtf8(bytes)!);
  }
  private set(ctx: IbcContext, address: string, denom: string, amount: bigint) {
    ctx.store.set(this.key(address, denom), utf8(amount.toString()));
  }
  send(ctx: IbcContext, from: string, to: string, coins: Coin[]): void {
    this.burn(ctx, from, coins);
    this.mint(ctx, to, coins);
  }
  mint(ctx: IbcContext, to: string, coins: Coin[]): void {
    for (const c of coins) this.set(ctx, to, c.denom, this.balance(ctx, to, c.denom) + c.amount);
  }
  burn(ctx: IbcContext, from: string, coins: Coin[]): void {
    for (const c of coins) {
      const balance = this.balance(ctx, from, c.denom);
      if (balance < c.amount) {
        // The SDK's ErrInsufficientFunds is sdk/5.
        throw Object.assign(
          new PlurigridError("bank.insufficient_funds", `${from} has ${balance}${c.denom}, needs ${c.amount}`),
          { abciCode: 5 },
        );
      }
      this.set(ctx, from, c.denom, balance - c.amount);
    }
  }
}

const addr = (seed: number) => toBech32("plg", new Uint8Array(20).fill(seed));
const ALICE = addr(10); // on alpha
const BOB = addr(20); // on beta

function setup() {
  const { alpha, beta, relay } = connectedChains();
  const bank = new StoreBank();
  const moduleOn = (chain: TestChain) => {
    const module = new TransferModule({ ics4: chain.core, bank, addressPrefix: "plg" });
    chain.router.addRoute("transfer", module);
    return module;
  };
  const ta = moduleOn(alpha);
  const tb = moduleOn(beta);
  const pair = relay.openChannel({
    port: "transfer",
    counterpartyPort: "transfer",
    order: Order.ORDER_UNORDERED,
    version: "",
  });
  alpha.run((ctx) => bank.mint(ctx, ALICE, [{ denom: "stake", amount: 1000n }]));
  const balance = (chain: TestChain, who: string, denom: string) => bank.balance(chain.ctx(), who, denom);
  return { alpha, beta, relay, bank, ta, tb, chA: pair.a.channel, chB: pair.b.channel, balance };
}

function transfer(chain: TestChain, module: TransferModule, args: Parameters<TransferModule["transfer"]>[1]) {
  const { result, events } = chain.run((ctx) => module.transfer(ctx, args));
  return { sequence: result, events, packet: packetFrom(events) };
}

function packetFrom(events: IbcEvent[]) {
  const ev = events.find((e) => e.type === "send_packet")!;
  const get = (k: string) => ev.attributes.find((a) => a.key === k)!.value;
  const [revisionNumber, revisionHeight] = get("packet_timeout_height").split("-").map(BigInt) as [bigint, bigint];
  return {
    sequence: BigInt(get("packet_sequence")),
    sourcePort: get("packet_src_port"),
    sourceChannel: get("packet_src_channel"),
    destinationPort: get("packet_dst_port"),
    destinationChannel: get("packet_dst_channel"),
    data: Buffer.from(get("packet_data_hex"), "hex"),
    timeoutHeight: { revisionNumber, revisionHeight },
    timeoutTimestamp: BigInt(get("packet_timeout_timestamp")),
  };
}

const hour = (chain: TestChain) => chain.block.timeNs + 3_600_000_000_000n;
const ZERO = { revisionNumber: 0n, revisionHeight: 0n };

test("packet data is ibc-go's GetBytes: sorted keys, empty memo omitted, Go escaping", () => {
  const base = { denom: "transfer/channel-0/stake", amount: "100", sender: "a", receiver: "b", memo: "" };
  assert.equal(
    fromUtf8(encodePacketData(base)),
    '{"amount":"100","denom":"transfer/channel-0/stake","receiver":"b","sender":"a"}',
  );
  assert.equal(
    fromUtf8(encodePacketData({ ...base, memo: '{"wasm":"<&>"}' })),
    '{"amount":"100","denom":"transfer/channel-0/stake","memo":"{\\"wasm\\":\\"\\u003c\\u0026\\u003e\\"}","receiver":"b","sender":"a"}',
  );
  // Any key order and unknown keys are accepted on the way in (Go's json.Unmarshal), as cw20-ics20 sends them.
  assert.deepEqual(decodePacketData(utf8('{"denom":"cw20:x","receiver":"b","sender":"a","amount":"5","extra":1}')), {
    denom: "cw20:x",
    amount: "5",
    sender: "a",
    receiver: "b",
    memo: "",
  });
  assert.throws(() => decodePacketData(utf8('{"amount":5}')), fails(CoreErrors.InvalidType, /amount must be a string/));
  assert.throws(() => decodePacketData(utf8("[]")), fails(CoreErrors.InvalidType));
});

test("denoms: ibc-go's trace parsing and hashes (ATOM on Osmosis is ibc/27394FB0…)", () => {
  assert.equal(
    ibcDenom(extractDenomFromPath("transfer/channel-0/uatom")),
    "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2",
  );
  const cases: [string, string, [string, string][]][] = [
    ["atom", "atom", []],
    ["atom/", "atom/", []],
    ["transfer/channel-0/atom", "atom", [["transfer", "channel-0"]]],
    ["transfer/07-tendermint-0/atom", "atom", [["transfer", "07-tendermint-0"]]],
    ["transfer/channel-0//at/om/", "/at/om/", [["transfer", "channel-0"]]],
    [
      "transfer/channel-0/transfer/channel-60/atom",
      "atom",
      [
        ["transfer", "channel-0"],
        ["transfer", "channel-60"],
      ],
    ],
    ["transfer/channel-1/erc20/0x85bc", "erc20/0x85bc", [["transfer", "channel-1"]]],
    ["/uatom", "/uatom", []],
    ["channel-1/transfer/uatom", "channel-1/transfer/uatom", []],
    ["transfer/channel-1", "transfer/channel-1", []],
    [
      "transfer/channel-1/transfer/channel-2",
      "",
      [
        ["transfer", "channel-1"],
        ["transfer", "channel-2"],
      ],
    ],
    ["transfer/channelToA/uatom", "transfer/channelToA/uatom", []],
  ];
  for (const [path, base, hops] of cases) {
    const denom = extractDenomFromPath(path);
    assert.deepEqual([denom.base, denom.trace.map((h) => [h.portId, h.channelId])], [base, hops], path);
  }
  assert.equal(
    denomJson(extractDenomFromPath("transfer/channel-0/atom")),
    '{"base":"atom","trace":[{"port_id":"transfer","channel_id":"channel-0"}]}',
  );
  assert.equal(denomJson(extractDenomFromPath("atom")), '{"base":"atom","trace":null}');
});

test("escrow addresses are ibc-go's: the Cosmos Hub's transfer/channel-0 escrow", () => {
  assert.equal(escrowAddress("transfer", "channel-0", "cosmos"), "cosmos1a53udazy8ayufvy0s434pfwjcedzqv34kvz9tw");
  assert.notEqual(escrowAddress("transfer", "channel", "cosmos"), escrowAddress("transfercha", "nnel", "cosmos"));
});

test("a transfer there and back: escrow and voucher minting, then burn and unescrow", () => {
  const { alpha, beta, relay, ta, tb, chA, chB, balance } = setup();
  const sent = transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "100" },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
    memo: "",
  });
  assert.equal(fromUtf8(sent.packet.data), `{"amount":"100","denom":"stake","receiver":"${BOB}","sender":"${ALICE}"}`);
  assert.deepEqual(attrs(sent.events.find((e) => e.type === "ibc_transfer")!), [
    ["sender", ALICE],
    ["receiver", BOB],
    ["denom", "stake"],
    ["amount", "100"],
    ["memo", ""],
  ]);
  assert.equal(balance(alpha, ALICE, "stake"), 900n);
  assert.equal(balance(alpha, ta.escrowAddress(chA), "stake"), 100n);
  assert.equal(ta.totalEscrow(alpha.ctx(), "stake"), 100n);

  const recv = relay.recvPacket(alpha, sent.packet);
  assert.equal(fromUtf8(writtenAck(recv.events)!), '{"result":"AQ=="}');
  const voucher = ibcDenom(extractDenomFromPath(`transfer/${chB}/stake`));
  assert.equal(balance(beta, BOB, voucher), 100n);
  assert.deepEqual(tb.denomTrace(beta.ctx(), voucher), {
    base: "stake",
    trace: [{ portId: "transfer", channelId: chB }],
  });
  assert.deepEqual(attrs(recv.events.find((e) => e.type === "denomination")!), [
    ["denom_hash", voucher.slice(4)],
    ["denom", `{"base":"stake","trace":[{"port_id":"transfer","channel_id":"${chB}"}]}`],
  ]);
  assert.deepEqual(attrs(recv.events.find((e) => e.type === "fungible_token_packet")!), [
    ["sender", ALICE],
    ["receiver", BOB],
    ["denom", "stake"],
    ["amount", "100"],
    ["memo", ""],
    ["success", "true"],
  ]);
  const acked = relay.acknowledge(alpha, sent.packet, writtenAck(recv.events)!);
  assert.deepEqual(attrs(acked.events.find((e) => e.type === "fungible_token_packet")!).slice(-1), [
    ["acknowledgement", 'result:"\\001" '],
  ]);
  assert.equal(balance(alpha, ALICE, "stake"), 900n, "a successful ack changes nothing");

  // Back home: the voucher is burned on beta, alpha releases the escrow.
  const back = transfer(beta, tb, {
    sourceChannel: chB,
    token: { denom: voucher, amount: "40" },
    sender: BOB,
    receiver: ALICE,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(beta),
  });
  assert.equal(
    fromUtf8(back.packet.data),
    `{"amount":"40","denom":"transfer/${chB}/stake","receiver":"${ALICE}","sender":"${BOB}"}`,
  );
  assert.equal(balance(beta, BOB, voucher), 60n);
  const home = relay.recvPacket(beta, back.packet);
  assert.equal(fromUtf8(writtenAck(home.events)!), '{"result":"AQ=="}');
  assert.equal(balance(alpha, ALICE, "stake"), 940n);
  assert.equal(balance(alpha, ta.escrowAddress(chA), "stake"), 60n);
  assert.equal(ta.totalEscrow(alpha.ctx(), "stake"), 60n);
  relay.acknowledge(beta, back.packet, writtenAck(home.events)!);
});

test("a receive that fails (bad receiver) writes ibc-go's error ack, and its ack refunds the sender", () => {
  const { alpha, beta, relay, ta, chA, balance } = setup();
  const sent = transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "70" },
    sender: ALICE,
    receiver: "cosmos1notours",
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
  });
  assert.equal(balance(alpha, ALICE, "stake"), 930n);
  const recv = relay.recvPacket(alpha, sent.packet);
  const ack = writtenAck(recv.events)!;
  assert.equal(fromUtf8(ack), '{"error":"ABCI code: 5: error handling packet: see events for details"}');
  // The failed callback's events are reported as ibccallbackerror-*.
  const failed = recv.events.find((e) => e.type === "ibccallbackerror-fungible_token_packet")!;
  assert.ok(attrs(failed).some(([k, v]) => k === "ibccallbackerror-success" && v === "false"));
  assert.equal(beta.store.has(utf8(`bank/cosmos1notours/`)), false);
  const acked = relay.acknowledge(alpha, sent.packet, ack);
  assert.equal(
    acked.events.find((e) => e.type === "fungible_token_packet" && e.attributes[0]!.key === "error")!.attributes[0]!
      .value,
    "ABCI code: 5: error handling packet: see events for details",
  );
  assert.equal(balance(alpha, ALICE, "stake"), 1000n);
  assert.equal(balance(alpha, ta.escrowAddress(chA), "stake"), 0n);
});

test("timeouts refund: escrowed tokens are released, burned vouchers are minted again", () => {
  const { alpha, beta, relay, ta, tb, chA, chB, balance } = setup();
  const deadline = { revisionNumber: 1n, revisionHeight: beta.block.height + 1n };
  const sent = transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "10" },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: deadline,
    timeoutTimestamp: 0n,
  });
  beta.advance(1n);
  assert.throws(() => relay.recvPacket(alpha, sent.packet), fails(ChannelErrors.TimeoutElapsed));
  const result = relay.timeout(alpha, sent.packet);
  assert.deepEqual(attrs(result.events.find((e) => e.type === "timeout")!), [
    ["receiver", ALICE],
    ["refund_tokens", '{"denom":{"base":"stake","trace":null},"amount":"10"}'],
    ["memo", ""],
  ]);
  assert.equal(balance(alpha, ALICE, "stake"), 1000n);

  // A voucher sent home that times out is minted back to its holder.
  const there = transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "50" },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
  });
  relay.recvPacket(alpha, there.packet);
  const voucher = ibcDenom(extractDenomFromPath(`transfer/${chB}/stake`));
  const back = transfer(beta, tb, {
    sourceChannel: chB,
    token: { denom: voucher, amount: "50" },
    sender: BOB,
    receiver: ALICE,
    timeoutHeight: ZERO,
    timeoutTimestamp: alpha.block.timeNs + 10_000_000_000n,
  });
  assert.equal(balance(beta, BOB, voucher), 0n);
  alpha.advance(3n);
  relay.timeout(beta, back.packet);
  assert.equal(balance(beta, BOB, voucher), 50n);
});

test("transfer refusals: unknown voucher, insufficient funds, ordered channels, closing", () => {
  const { alpha, beta, relay, ta, chA } = setup();
  const args = { sourceChannel: chA, sender: ALICE, receiver: BOB, timeoutHeight: ZERO, timeoutTimestamp: hour(alpha) };
  assert.throws(
    () => transfer(alpha, ta, { ...args, token: { denom: `ibc/${"A".repeat(64)}`, amount: "1" } }),
    (e: unknown) => isIbcError(e) && e.code === "ibc.transfer.DenomNotFound",
  );
  assert.throws(() => transfer(alpha, ta, { ...args, token: { denom: "stake", amount: "5000" } }), /needs 5000/);
  assert.throws(
    () => transfer(alpha, ta, { ...args, token: { denom: "stake", amount: "0" } }),
    fails(CoreErrors.InvalidCoins),
  );
  assert.throws(
    () => transfer(alpha, ta, { ...args, sender: "nope", token: { denom: "stake", amount: "1" } }),
    fails(CoreErrors.InvalidAddress),
  );
  // ICS-20 channels are unordered, and users cannot close them.
  const relay2 = relay as Relay;
  assert.throws(
    () =>
      relay2.openChannel({
        port: "transfer",
        counterpartyPort: "transfer",
        order: Order.ORDER_ORDERED,
        version: "ics20-1",
      }),
    fails(ChannelErrors.InvalidChannelOrdering),
  );
  assert.throws(
    () =>
      relay2.openChannel({
        port: "transfer",
        counterpartyPort: "transfer",
        order: Order.ORDER_UNORDERED,
        version: "ics20-2",
      }),
    (e: unknown) => isIbcError(e) && e.code === "ibc.transfer.InvalidVersion",
  );
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelCloseInit",
        value: { portId: "transfer", channelId: chA, signer: alpha.relayer },
      }),
    fails(CoreErrors.InvalidRequest, /user cannot close channel/),
  );
  void beta;
});

test("cw20-ics20 interoperability: its packets mint vouchers; its error acks refund", () => {
  const { alpha, beta, relay, ta, tb, chA, chB, balance } = setup();
  // A packet as cw20-ics20 serialises it (struct order, no memo), sent over alpha's transfer channel.
  const cw20Packet = utf8(`{"amount":"5","denom":"cw20:plg1token","receiver":"${BOB}","sender":"${ALICE}"}`);
  const { events } = alpha.run((ctx) =>
    alpha.core.sendPacket(ctx, {
      sourcePort: "transfer",
      sourceChannel: chA,
      timeoutHeight: ZERO,
      timeoutTimestamp: hour(alpha),
      data: cw20Packet,
    }),
  );
  const recv = relay.recvPacket(alpha, packetFrom(events));
  assert.equal(fromUtf8(writtenAck(recv.events)!), '{"result":"AQ=="}');
  assert.equal(balance(beta, BOB, ibcDenom(extractDenomFromPath(`transfer/${chB}/cw20:plg1token`))), 5n);

  // cw20-ics20's error ack {"error":"…"} is a standard ack: the sender is refunded.
  const sent = transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "30" },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
  });
  void tb;
  const errorAck = utf8('{"error":"Only supports channel with ibc version ics20-1, got ics20-2"}');
  // Make beta write that ack (as a cw20-ics20 contract would) and prove it.
  beta.run((ctx) => {
    ctx.ibc.set(`receipts/ports/transfer/channels/${chB}/sequences/${sent.packet.sequence}`, new Uint8Array([1]));
    beta.core.writeAcknowledgement(ctx, sent.packet, errorAck);
  });
  relay.acknowledge(alpha, sent.packet, errorAck);
  assert.equal(balance(alpha, ALICE, "stake"), 1000n);
});

test("MsgTransfer as a transaction carries it: the module's port only; 2^256-1 sends the whole balance", () => {
  const { alpha, ta, chA, balance } = setup();
  const msg = {
    sourcePort: "transfer",
    sourceChannel: chA,
    token: { denom: "stake", amount: ((1n << 256n) - 1n).toString() },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
    memo: "all of it",
    encoding: "",
  };
  const { result } = alpha.run((ctx) => ta.msgTransfer(ctx, msg));
  assert.equal(result.sequence, 1n);
  assert.equal(result.response.typeUrl, "/ibc.applications.transfer.v1.MsgTransferResponse");
  assert.equal(Buffer.from(result.response.value).toString("hex"), "0801");
  assert.equal(balance(alpha, ALICE, "stake"), 0n);
  assert.equal(balance(alpha, ta.escrowAddress(chA), "stake"), 1000n);
  assert.throws(
    () =>
      alpha.run((ctx) => ta.msgTransfer(ctx, { ...msg, token: { denom: "stake", amount: "1" }, sourcePort: "other" })),
    (e: unknown) => isIbcError(e) && e.code === "ibc.port.InvalidPort",
  );
  assert.throws(
    () => alpha.run((ctx) => ta.msgTransfer(ctx, msg)),
    (e: unknown) =>
      isIbcError(e) && e.code === "ibc.transfer.InvalidAmount" && /empty spendable balance/.test(e.message),
  );
});

test("a counterparty cannot take more out of escrow than went in: the bank's error becomes the ack", () => {
  const { alpha, beta, relay, ta, chA, chB, balance } = setup();
  transfer(alpha, ta, {
    sourceChannel: chA,
    token: { denom: "stake", amount: "10" },
    sender: ALICE,
    receiver: BOB,
    timeoutHeight: ZERO,
    timeoutTimestamp: hour(alpha),
  });
  // beta claims a returning voucher worth far more than the escrow holds.
  const claim = utf8(`{"amount":"500","denom":"transfer/${chB}/stake","receiver":"${ALICE}","sender":"${BOB}"}`);
  const { events } = beta.run((ctx) =>
    beta.core.sendPacket(ctx, {
      sourcePort: "transfer",
      sourceChannel: chB,
      timeoutHeight: ZERO,
      timeoutTimestamp: hour(beta),
      data: claim,
    }),
  );
  const recv = relay.recvPacket(beta, packetFrom(events));
  assert.equal(
    fromUtf8(writtenAck(recv.events)!),
    '{"error":"ABCI code: 5: error handling packet: see events for details"}',
  );
  assert.equal(balance(alpha, ta.escrowAddress(chA), "stake"), 10n);
  assert.equal(balance(alpha, ALICE, "stake"), 990n);
});
