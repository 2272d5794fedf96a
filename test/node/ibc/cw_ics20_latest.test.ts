/**
 * Oraichain's cw-ics20-latest (the build in @oraichain/common-contracts-build, sha256 83990d5c…0972, unmodified) on
 * node B, cw-plus's cw20-ics20 on node A. A's packets carry `cw20:<A's KWH>`, a denom without a path, which
 * cw-ics20-latest takes for the remote chain's own token and files under `wasm.<itself>/<its channel>/cw20:<…>`; its
 * admin maps that key to AKWH, a B cw20 the contract holds liquidity of and pays receivers from. Going back is a cw20
 * send of AKWH into the contract, whose packet names the full key, so A's contract releases its escrow. Error acks and
 * timeouts refund on the sending side and both contracts' channel balances stay exact. No fees are configured, so the
 * contract never queries its swap router; packets without a memo have no further destination, so nothing is swapped
 * or forwarded.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { findAttribute } from "../../../src/node/events.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { b64, commonContract } from "../helpers.js";
import { alice, bob, deployCw20Ics20, IbcNode, twoNodes } from "./helpers.js";

/** The liquidity of the B token that cw-ics20-latest pays receivers from (6 decimals: 1000 KWH). */
const LIQUIDITY = 1_000_000_000n;

interface ChannelState {
  balances: { native?: { denom: string; amount: string } }[];
  total_sent: { native?: { denom: string; amount: string } }[];
}

/**
 * cw-ics20-latest (alice is its admin) and AKWH, a 6-decimal cw20-base whose whole supply the contract holds, on
 * `node`. The swap router is never called here (no relayer or token fees, no memo destinations); the contract takes
 * any string for it, alice's address stands in.
 */
function deployIcs20Latest(node: IbcNode) {
  const ics20 = node.instantiate(alice, node.storeCode(alice, commonContract("cw-ics20-latest")), {
    default_timeout: 3600,
    gov_contract: alice.address,
    allowlist: [],
    default_gas_limit: null,
    swap_router_contract: alice.address,
  });
  const akwh = node.instantiate(alice, node.storeCode(alice, commonContract("cw20-base")), {
    name: "Kilowatt hour from alpha",
    symbol: "AKWH",
    decimals: 6,
    initial_balances: [{ address: ics20, amount: LIQUIDITY.toString() }],
  });
  const cw20Balance = (address: string) =>
    BigInt(node.query<{ balance: string }>(akwh, { balance: { address } }).balance);
  /** The admin maps `remoteDenom` as received on `channel` (3 decimals) to AKWH (6 decimals). */
  const mapDenom = (channel: string, remoteDenom: string) =>
    node.execute(alice, ics20, {
      update_mapping_pair: {
        local_channel_id: channel,
        denom: remoteDenom,
        local_asset_info: { token: { contract_addr: akwh } },
        remote_decimals: 3,
        local_asset_info_decimals: 6,
      },
    });
  /** bob sends `amount` AKWH back over `channel` as `remoteDenom` to `remote`. */
  const sendBack = (channel: string, remoteDenom: string, remote: string, amount: bigint, timeout?: number) =>
    node.execute(bob, akwh, {
      send: {
        contract: ics20,
        amount: amount.toString(),
        msg: b64({
          local_channel_id: channel,
          remote_address: remote,
          remote_denom: remoteDenom,
          ...(timeout === undefined ? {} : { timeout }),
        }),
      },
    });
  /** [outstanding, total sent] of the channel for the key `port/channel/denom`, in remote units. */
  const channelState = (channel: string, key: string): [bigint, bigint] => {
    const state = node.query<ChannelState>(ics20, { channel: { id: channel } });
    const find = (list: ChannelState["balances"]) =>
      BigInt(list.find((b) => b.native?.denom === key)?.native?.amount ?? "0");
    return [find(state.balances), find(state.total_sent)];
  };
  return { ics20, akwh, port: node.portOf(ics20), cw20Balance, mapDenom, sendBack, channelState };
}

async function connect(t: { after(fn: () => void): void }) {
  const { a, b } = twoNodes(t);
  const onA = deployCw20Ics20(a);
  const onB = deployIcs20Latest(b);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: onA.port, portB: onB.port, version: "ics20-1" });
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;
  /** The denom A's cw20-ics20 puts in its packets, and the key cw-ics20-latest files it under on B. */
  const remoteDenom = `cw20:${onA.kwh}`;
  const key = `${onB.port}/${chB}/${remoteDenom}`;
  return { a, b, onA, onB, relayer, chA, chB, remoteDenom, key };
}

const acksOf = async (node: IbcNode, port: string, channel: string, sequences: bigint[]) =>
  (await node.endpoint.queryWrittenAcknowledgements(port, channel, sequences)).map((w) =>
    Buffer.from(w.acknowledgement).toString(),
  );

test("A's cw20 to cw-ics20-latest on B and back: an unmapped denom, an error ack and a timeout refund; balances exact", async (t) => {
  const { a, b, onA, onB, relayer, chA, chB, remoteDenom, key } = await connect(t);
  assert.deepEqual(b.query(onB.ics20, { config: {} }), {
    default_timeout: 3600,
    default_gas_limit: null,
    fee_denom: "orai",
    swap_router_contract: alice.address,
    gov_contract: alice.address,
    token_fee_receiver: alice.address,
    relayer_fee_receiver: alice.address,
    token_fees: [],
    relayer_fees: [],
  });

  // Before the admin maps the denom, B refuses the packet with an error ack and A refunds alice.
  assert.equal(onA.sendTokens(chA, bob.address, 50n).code, 0);
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 50n);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n);
  assert.equal(onA.cw20Balance(onA.ics20), 0n);
  assert.equal(onA.channelBalance(chA), 0n);
  assert.deepEqual(onB.channelState(chB, key), [0n, 0n]);
  assert.equal(onB.cw20Balance(bob.address), 0n);

  // The mapping: `cw20:<A's KWH>` on B's channel end is AKWH, 3 remote decimals to 6 local ones.
  const mapped = onB.mapDenom(chB, remoteDenom);
  assert.equal(mapped.code, 0, mapped.log);

  // To B: 500 KWH escrowed on A; bob is paid 500_000 AKWH (6 decimals) from the contract's liquidity.
  assert.equal(onA.sendTokens(chA, bob.address, 500n).code, 0);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 500n);
  assert.equal(onA.cw20Balance(onA.ics20), 500n);
  assert.equal(onA.channelBalance(chA), 500n);
  assert.equal(onB.cw20Balance(bob.address), 500_000n);
  assert.equal(onB.cw20Balance(onB.ics20), LIQUIDITY - 500_000n);
  assert.deepEqual(onB.channelState(chB, key), [500n, 500n]);

  // Back to A: 200_000 AKWH into the contract become a 200 KWH packet that A's contract releases from escrow.
  const back = onB.sendBack(chB, remoteDenom, alice.address, 200_000n);
  assert.equal(back.code, 0, back.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 300n);
  assert.equal(onA.cw20Balance(onA.ics20), 300n);
  assert.equal(onA.channelBalance(chA), 300n);
  assert.equal(onB.cw20Balance(bob.address), 300_000n);
  assert.equal(onB.cw20Balance(onB.ics20), LIQUIDITY - 300_000n);
  assert.deepEqual(onB.channelState(chB, key), [300n, 500n]);

  // A's contract refuses a receiver that is no address: its error ack makes B refund bob and restore the balance.
  const refused = onB.sendBack(chB, remoteDenom, "grid1notvalid", 100_000n);
  assert.equal(refused.code, 0, refused.log);
  assert.equal(onB.cw20Balance(bob.address), 200_000n);
  assert.deepEqual(onB.channelState(chB, key), [200n, 500n]);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onB.cw20Balance(bob.address), 300_000n);
  assert.equal(onB.cw20Balance(onB.ics20), LIQUIDITY - 300_000n);
  assert.deepEqual(onB.channelState(chB, key), [300n, 500n]);
  assert.equal(onA.channelBalance(chA), 300n);
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 300n);

  // A timeout (60 s on B's clock, A's clock past it) refunds bob the same way.
  assert.equal(onB.sendBack(chB, remoteDenom, alice.address, 50_000n, 60).code, 0);
  assert.equal(onB.cw20Balance(bob.address), 250_000n);
  a.advance(120);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 1, closes: 0, failures: [] });
  assert.equal(onB.cw20Balance(bob.address), 300_000n);
  assert.deepEqual(onB.channelState(chB, key), [300n, 500n]);
  assert.equal(onA.channelBalance(chA), 300n);

  // The rest goes home: everything where it started, both channel balances 0.
  assert.equal(onB.sendBack(chB, remoteDenom, alice.address, 300_000n).code, 0);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n);
  assert.equal(onA.cw20Balance(onA.ics20), 0n);
  assert.equal(onA.channelBalance(chA), 0n);
  assert.equal(onB.cw20Balance(bob.address), 0n);
  assert.equal(onB.cw20Balance(onB.ics20), LIQUIDITY);
  assert.deepEqual(onB.channelState(chB, key), [0n, 500n]);

  // The acknowledgements as written: B's (the contract's own words for the unmapped denom), then A's.
  assert.deepEqual(await acksOf(b, onB.port, chB, [1n, 2n]), [
    '{"error":"You can only send native tokens that has a map to the corresponding asset info"}',
    '{"result":"MQ=="}',
  ]);
  // A's: none for packet 3, which timed out.
  const [first, second, third] = await acksOf(a, onA.port, chA, [1n, 2n, 3n, 4n]);
  assert.equal(first, '{"result":"MQ=="}');
  assert.match(second!, /^\{"error":"Generic error: addr_validate errored: .*: execute wasm contract failed"\}$/);
  assert.equal(third, '{"result":"MQ=="}');
});

test("cw-ics20-latest acks success when paying the receiver fails: A keeps the escrow, B keeps its liquidity", async (t) => {
  const { b, onA, onB, relayer, chA, chB, remoteDenom, key } = await connect(t);
  assert.equal(onB.mapDenom(chB, remoteDenom).code, 0);
  const before = b.chain.head().height;

  // The payout to "not-an-address" fails on B: its submessage (reply on error) is reverted and the contract's reply
  // turns the failure into a success ack, by design (the channel-balance message before it stands).
  assert.equal(onA.sendTokens(chA, "not-an-address", 40n).code, 0);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.deepEqual(await acksOf(b, onB.port, chB, [1n]), ['{"result":"MQ=="}']);
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 40n);
  assert.equal(onA.cw20Balance(onA.ics20), 40n);
  assert.equal(onA.channelBalance(chA), 40n);
  assert.deepEqual(onB.channelState(chB, key), [40n, 40n]);
  assert.equal(onB.cw20Balance(onB.ics20), LIQUIDITY);

  const events = [];
  for (let height = before + 1; height <= b.chain.head().height; height++) {
    events.push(...b.chain.blockResults(height).flatMap((r) => r.events));
  }
  assert.equal(findAttribute(events, "wasm", "action"), "receive_native");
  assert.match(
    findAttribute(events, "wasm", "error_transferring_ibc_tokens_to_cw20") ?? "",
    /^Generic error: addr_validate errored: .*: execute wasm contract failed$/,
  );
});
