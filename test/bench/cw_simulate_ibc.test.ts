import { test } from "node:test";
import assert from "node:assert/strict";
import { createCwSimulateIbcPair } from "../../bench/baselines/cw_simulate_ibc.js";
import {
  checkRoundTrips,
  cw20SendMsg,
  FOREIGN_TOKEN_ACK,
  type Ics20ChannelResponse,
  RoundTripCheckError,
  ROUND_TRIP_AMOUNT,
  SENDER_INITIAL_BALANCE,
} from "../../bench/baselines/ics20_workload.js";

function query<T>(result: { err: boolean; val: unknown }): T {
  assert.equal(result.err, false, String(result.val));
  return result.val as T;
}

test("cw-simulate IBC: the channel is opened with each contract seeing its own end", async () => {
  const p = await createCwSimulateIbcPair();
  const onA = query<Ics20ChannelResponse>(p.a.wasm.query(p.ics20A, { channel: { id: "channel-0" } }));
  assert.deepEqual(onA.info.counterparty_endpoint, p.endpointB);
  const onB = query<Ics20ChannelResponse>(p.b.wasm.query(p.ics20B, { channel: { id: "channel-7" } }));
  assert.deepEqual(onB.info.counterparty_endpoint, p.endpointA);
  assert.notEqual(p.endpointA.channel_id, p.endpointB.channel_id);
});

test("cw-simulate IBC: round trips escrow, get cw20-ics20's error ack from B and refund on A", async () => {
  const p = await createCwSimulateIbcPair();
  for (let i = 0; i < 5; i++) await p.roundTrip();
  assert.equal(p.roundTrips, 5);
  const state = p.state();
  assert.equal(state.senderBalance, SENDER_INITIAL_BALANCE);
  assert.equal(state.escrowBalance, 0n);
  assert.equal(state.outstanding, 0n);
  assert.equal(state.totalSent, 5n * ROUND_TRIP_AMOUNT);
  assert.deepEqual(state.acknowledgements, Array(5).fill(FOREIGN_TOKEN_ACK));
  checkRoundTrips("cw-simulate", state, 5);
  // Two pairs in one process do not share cw-simulate's global relay tables.
  const q = await createCwSimulateIbcPair();
  await q.roundTrip();
  checkRoundTrips("second pair", q.state(), 1);
  checkRoundTrips("first pair", p.state(), 5);
});

test("cw-simulate IBC: a transfer whose ack never reached A fails the end-state check", async () => {
  const p = await createCwSimulateIbcPair();
  await p.roundTrip();
  // The send alone: the packet reaches B, but nobody delivers the ack, so the tokens stay escrowed.
  const send = cw20SendMsg(p.ics20A, p.endpointA.channel_id, p.receiver);
  assert.equal((await p.a.wasm.executeContract(p.sender, [], p.cw20, send)).err, false);
  const state = p.state();
  assert.equal(state.escrowBalance, ROUND_TRIP_AMOUNT);
  assert.throws(() => checkRoundTrips("cw-simulate", state, 1), RoundTripCheckError);
  assert.throws(() => checkRoundTrips("cw-simulate", state, 2), /balance/);
});

test("checkRoundTrips names what is off", () => {
  const good = {
    senderBalance: SENDER_INITIAL_BALANCE,
    escrowBalance: 0n,
    outstanding: 0n,
    totalSent: 2n * ROUND_TRIP_AMOUNT,
    acknowledgements: [FOREIGN_TOKEN_ACK, FOREIGN_TOKEN_ACK],
  };
  checkRoundTrips("x", good, 2);
  assert.throws(() => checkRoundTrips("x", good, 3), /total_sent/);
  assert.throws(() => checkRoundTrips("x", { ...good, acknowledgements: [FOREIGN_TOKEN_ACK] }, 2), /acknowledgements/);
  assert.throws(
    () => checkRoundTrips("x", { ...good, acknowledgements: [FOREIGN_TOKEN_ACK, '{"result":"AQ=="}'] }, 2),
    /an acknowledgement is \{"result"/,
  );
  assert.throws(() => checkRoundTrips("x", { ...good, outstanding: 7n }, 2), /outstanding/);
});
