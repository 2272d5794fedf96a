/** The callbacks middleware's gas rules, with a scripted gas host and keeper (the node tests cover real contracts). */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  type CallbackGas,
  type ContractKeeper,
  IbcCallbacksMiddleware,
  type MeteredOutcome,
} from "../../src/ibc/apps/callbacks/middleware.js";
import { resultAcknowledgement } from "../../src/ibc/channel/acknowledgement.js";
import type { Packet } from "../../src/ibc/channel/types.js";
import { IbcContext } from "../../src/ibc/context.js";
import type { IBCModule, PacketDataUnmarshaler } from "../../src/ibc/port/module.js";
import { MemoryKv } from "../../src/store/memory.js";

class RetryableOutOfGas extends Error {}

/** A middleware over an app whose packets carry `memo` as their custom data, with `remaining` gas left. */
function middleware(memo: Record<string, unknown>, remaining: bigint, outcome: MeteredOutcome) {
  const limits: bigint[] = [];
  const gas: CallbackGas = {
    remaining: () => remaining,
    run: (_ctx, limit) => {
      limits.push(limit);
      return outcome;
    },
    outOfGas: (_ctx, descriptor) => new RetryableOutOfGas(descriptor),
  };
  const app = {
    onRecvPacket: () => resultAcknowledgement(new Uint8Array([1])),
    onAcknowledgementPacket: () => {},
    unmarshalPacketData: () => ({
      packetData: { customPacketData: (key: string) => memo[key], packetSender: () => "sender" },
      version: "ics20-1",
    }),
  } as unknown as IBCModule & PacketDataUnmarshaler;
  const m = new IbcCallbacksMiddleware({
    ics4: { sendPacket: () => 1n },
    contractKeeper: {} as ContractKeeper,
    gas,
    maxCallbackGas: 1_000_000n,
  }).setUnderlyingApplication(app);
  const ctx = new IbcContext(new MemoryKv(), { chainId: "test-1", height: 1, timeNs: 1n });
  return { m, ctx, limits };
}

const packet = {
  sequence: 1n,
  sourcePort: "transfer",
  sourceChannel: "channel-0",
  destinationPort: "transfer",
  destinationChannel: "channel-1",
  data: new Uint8Array([1]),
  timeoutHeight: { revisionNumber: 0n, revisionHeight: 0n },
  timeoutTimestamp: 1n,
} as unknown as Packet;
const ackArgs = { channelVersion: "ics20-1", packet, acknowledgement: new Uint8Array([1]), relayer: "r" };
const pastLimit: MeteredOutcome = { kind: "out_of_gas", pastLimit: true, descriptor: "x" };

test("the callback's gas is min(gas left, user limit capped at the maximum)", () => {
  for (const [gasLimit, remaining, expected] of [
    [undefined, 5_000_000n, 1_000_000n],
    ["", 5_000_000n, 1_000_000n],
    ["0", 5_000_000n, 1_000_000n],
    ["250000", 5_000_000n, 250_000n],
    ["9000000", 5_000_000n, 1_000_000n],
    ["250000", 100_000n, 100_000n],
  ] as const) {
    const { m, ctx, limits } = middleware(
      { src_callback: { address: "a", ...(gasLimit === undefined ? {} : { gas_limit: gasLimit }) } },
      remaining,
      { kind: "ok" },
    );
    m.onAcknowledgementPacket(ctx, ackArgs);
    assert.deepEqual(limits, [expected]);
  }
});

test("out of gas below the commit limit fails the tx (retry); at the commit limit it is the callback's failure", () => {
  const retry = middleware({ src_callback: { address: "a", gas_limit: "500000" } }, 100_000n, pastLimit);
  assert.throws(
    () => retry.m.onAcknowledgementPacket(retry.ctx, ackArgs),
    (err: unknown) =>
      err instanceof RetryableOutOfGas &&
      /acknowledgement_packet callback out of gas; commitGasLimit: 500000/.test(err.message),
  );
  const recvRetry = middleware({ dest_callback: { address: "a" } }, 100_000n, pastLimit);
  assert.throws(() => recvRetry.m.onRecvPacket(recvRetry.ctx, ackArgs), RetryableOutOfGas);

  const final = middleware({ src_callback: { address: "a", gas_limit: "500000" } }, 900_000n, pastLimit);
  final.m.onAcknowledgementPacket(final.ctx, ackArgs);
  const event = final.ctx.events.find((e) => e.type === "ibc_src_callback")!;
  assert.deepEqual(
    event.attributes.filter((a) => a.key.startsWith("callback_")).map((a) => `${a.key}=${a.value}`),
    [
      "callback_type=acknowledgement_packet",
      "callback_address=a",
      "callback_exec_gas_limit=500000",
      "callback_commit_gas_limit=500000",
      "callback_base_application_version=ics20-1",
      "callback_error=ibc acknowledgement_packet callback out of gas: callback out of gas",
      "callback_result=failure",
    ],
  );
  const recv = middleware({ dest_callback: { address: "a" } }, 5_000_000n, pastLimit);
  const ack = recv.m.onRecvPacket(recv.ctx, ackArgs)!;
  assert.equal(ack.success, false);
  assert.equal(
    Buffer.from(ack.bytes).toString(),
    '{"error":"ABCI code: 6: error handling packet: see events for details"}',
  );
});

test("callback data: non-object values are no callback; bad address, gas limit or calldata are invalid", () => {
  for (const value of ["x", 1, null, [1], true]) {
    const { m, ctx, limits } = middleware({ src_callback: value }, 1n, { kind: "ok" });
    m.onAcknowledgementPacket(ctx, ackArgs);
    assert.deepEqual(limits, [], JSON.stringify(value));
  }
  for (const [callback, message] of [
    [{ address: 5 }, /^invalid callback data$/],
    [{ address: "  " }, /^invalid callback data$/],
    [{ address: "a", gas_limit: 5 }, /gas limit \[5\] must be a string: invalid callback data/],
    [{ address: "a", gas_limit: "-1" }, /gas limit must be a valid uint64: .*invalid syntax/],
    [{ address: "a", gas_limit: "18446744073709551616" }, /value out of range/],
    [{ address: "a", calldata: "zz" }, /calldata must be a valid hex string: encoding\/hex: invalid byte: U\+007A 'z'/],
    [{ address: "a", calldata: "abc" }, /odd length hex string/],
  ] as const) {
    const { m, ctx } = middleware({ src_callback: callback }, 1n, { kind: "ok" });
    assert.throws(
      () =>
        m.sendPacket(ctx, {
          ...packet,
          timeoutHeight: packet.timeoutHeight,
          timeoutTimestamp: 1n,
          data: packet.data,
        } as never),
      (err: unknown) => (err as Error).message.match(message) !== null && (err as { abciCode: number }).abciCode === 8,
    );
  }
});
