/**
 * Real cw-plus contracts (@oraichain/common-contracts-build) on the node: cross-contract messages, queries, funds.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { MsgIBCSendResponse } from "cosmjs-types/cosmwasm/wasm/v1/ibc";
import { defineRoute } from "../../src/node/router.js";
import type { IbcChannel } from "../../src/vm/types.js";
import { b64, bankSend, commonContract, fromB64Json, TestAccount, TestChain, ugrid } from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");
const carol = new TestAccount("carol");
const dave = new TestAccount("dave");

function cw20(t: TestChain, balances: [string, number][]): string {
  const codeId = t.storeCode(alice, commonContract("cw20-base"));
  return t.instantiate(alice, codeId, {
    name: "Grid Token",
    symbol: "GRID",
    decimals: 6,
    initial_balances: balances.map(([address, amount]) => ({ address, amount: String(amount) })),
  });
}

const cw20Balance = (t: TestChain, token: string, address: string) =>
  Number(t.query<{ balance: string }>(token, { balance: { address } }).balance);

test("cw20-base `send` calls cw20-ics20's receive hook, which escrows the tokens and sends an ICS-20 packet", () => {
  const t = TestChain.withAccounts([alice, 1_000_000_000]);
  const token = cw20(t, [[alice.address, 10_000]]);
  const ics20 = t.instantiate(alice, t.storeCode(alice, commonContract("cw20-ics20")), {
    default_timeout: 3600,
    gov_contract: alice.address,
    allowlist: [{ contract: token, gas_limit: null }],
  });
  const port = t.app.wasm.keeper.contractInfo(t.chain.queryContext(), ics20)!.ibcPortId;
  assert.equal(port, `wasm.${ics20}`, "an IBC-enabled contract gets its port");

  // Stand-ins for what IBC core (next issue) plugs in: a message that opens a channel on the contract, and the
  // `ibc` CosmosMsg handler that takes the packets contracts send.
  const channel: IbcChannel = {
    endpoint: { port_id: port, channel_id: "channel-0" },
    counterparty_endpoint: { port_id: "transfer", channel_id: "channel-7" },
    order: "ORDER_UNORDERED",
    version: "ics20-1",
    connection_id: "connection-0",
  };
  t.app.registerModule({
    name: "ibc-test",
    routes: () => [
      defineRoute<{ signer: string }>({
        typeUrl: "/plurigrid.test.MsgOpenChannel",
        decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as { signer: string },
        encode: (msg) => new TextEncoder().encode(JSON.stringify(msg)),
        signers: (msg) => [msg.signer],
        validateBasic: () => {},
        handle: (ctx) => {
          const relay = t.app.wasm.relay;
          assert.equal(
            relay.ibcChannelOpen(ctx, ics20, { open_init: { channel } }),
            null,
            "keeps the proposed version",
          );
          relay.ibcChannelConnect(ctx, ics20, { open_ack: { channel, counterparty_version: "ics20-1" } });
          return { typeUrl: "/plurigrid.test.MsgOpenChannelResponse", value: new Uint8Array(0) };
        },
      }),
    ],
  });
  const packets: Record<string, unknown>[] = [];
  t.app.wasm.messenger.register("ibc", (_ctx, caller, body) => {
    const send = (body as { send_packet: Record<string, unknown> }).send_packet;
    assert.equal(caller.ibcPortId, port);
    packets.push(send);
    const response = MsgIBCSendResponse.encode({ sequence: BigInt(packets.length) }).finish();
    return {
      events: [],
      data: [response],
      msgResponses: [[{ typeUrl: "/cosmwasm.wasm.v1.MsgIBCSendResponse", value: response }]],
    };
  });
  t.run(alice, [
    {
      typeUrl: "/plurigrid.test.MsgOpenChannel",
      value: new TextEncoder().encode(JSON.stringify({ signer: alice.address })),
    },
  ]);

  const transfer = { channel: "channel-0", remote_address: "cosmos1remote", timeout: null };
  const result = t.execute(alice, token, { send: { contract: ics20, amount: "2500", msg: b64(transfer) } });
  assert.equal(result.code, 0, result.log);
  assert.equal(cw20Balance(t, token, alice.address), 7_500);
  assert.equal(cw20Balance(t, token, ics20), 2_500, "the tokens are escrowed in the ics20 contract");
  assert.equal(packets.length, 1);
  assert.equal(packets[0].channel_id, "channel-0");
  assert.deepEqual(fromB64Json(packets[0].data as string), {
    amount: "2500",
    denom: `cw20:${token}`,
    receiver: "cosmos1remote",
    sender: alice.address,
  });
  const channelInfo = t.query<{ balances: unknown[] }>(ics20, { channel: { id: "channel-0" } });
  assert.deepEqual(channelInfo.balances, [{ cw20: { address: token, amount: "2500" } }]);

  // A transfer on a channel the contract does not know fails in the hook, and the cw20 send is rolled back.
  const unknown = t.execute(alice, token, {
    send: { contract: ics20, amount: "100", msg: b64({ ...transfer, channel: "channel-9" }) },
  });
  assert.equal(unknown.code, 5);
  assert.match(unknown.log, /execute wasm contract failed/);
  assert.equal(cw20Balance(t, token, alice.address), 7_500);
  assert.equal(packets.length, 1);
});

test("cw4-group + cw3-flex-multisig: propose a bank send, vote, execute, and the funds move", () => {
  const t = TestChain.withAccounts([alice, 1_000_000], [bob, 1_000_000], [carol, 1_000_000]);
  const group = t.instantiate(alice, t.storeCode(alice, commonContract("cw4-group")), {
    admin: alice.address,
    members: [
      { addr: alice.address, weight: 1 },
      { addr: bob.address, weight: 1 },
      { addr: carol.address, weight: 1 },
    ],
  });
  const multisig = t.instantiate(alice, t.storeCode(alice, commonContract("cw3-flex-multisig")), {
    group_addr: group,
    threshold: { absolute_count: { weight: 2 } },
    max_voting_period: { time: 3600 },
  });
  t.run(alice, [bankSend(alice.address, multisig, ugrid(5_000))]);

  const proposal = { bank: { send: { to_address: dave.address, amount: [{ denom: "ugrid", amount: "1200" }] } } };
  const proposed = t.execute(alice, multisig, {
    propose: { title: "pay dave", description: "for the inverter", msgs: [proposal] },
  });
  assert.equal(proposed.code, 0, proposed.log);
  const id = Number(
    proposed.events.find((e) => e.type === "wasm")!.attributes.find((a) => a.key === "proposal_id")!.value,
  );
  assert.equal(t.query<{ status: string }>(multisig, { proposal: { proposal_id: id } }).status, "open");

  const early = t.execute(alice, multisig, { execute: { proposal_id: id } });
  assert.equal(early.code, 5, "one vote of three is not enough");
  assert.equal(t.execute(bob, multisig, { vote: { proposal_id: id, vote: "yes" } }).code, 0);
  assert.equal(t.query<{ status: string }>(multisig, { proposal: { proposal_id: id } }).status, "passed");

  const executed = t.execute(carol, multisig, { execute: { proposal_id: id } });
  assert.equal(executed.code, 0, executed.log);
  assert.equal(t.balance(dave.address), 1_200n);
  assert.equal(t.balance(multisig), 3_800n);
  assert.equal(t.query<{ status: string }>(multisig, { proposal: { proposal_id: id } }).status, "executed");
  const transfer = executed.events.find((e) => e.type === "transfer")!;
  assert.deepEqual(
    transfer.attributes.slice(0, 3).map((a) => a.value),
    [dave.address, multisig, "1200ugrid"],
  );
});

test("cw1-whitelist executes messages on behalf of its admins, and only theirs", () => {
  const t = TestChain.withAccounts([alice, 1_000_000], [bob, 1_000_000]);
  const proxy = t.instantiate(alice, t.storeCode(alice, commonContract("cw1-whitelist")), {
    admins: [alice.address],
    mutable: true,
  });
  t.run(alice, [bankSend(alice.address, proxy, ugrid(1_000))]);
  const token = cw20(t, [[proxy, 300]]);

  const msgs = [
    { bank: { send: { to_address: carol.address, amount: [{ denom: "ugrid", amount: "400" }] } } },
    {
      wasm: {
        execute: {
          contract_addr: token,
          msg: b64({ transfer: { recipient: carol.address, amount: "120" } }),
          funds: [],
        },
      },
    },
  ];
  const byAdmin = t.execute(alice, proxy, { execute: { msgs } });
  assert.equal(byAdmin.code, 0, byAdmin.log);
  assert.equal(t.balance(carol.address), 400n);
  assert.equal(cw20Balance(t, token, carol.address), 120);

  const byStranger = t.execute(bob, proxy, { execute: { msgs } });
  assert.equal(byStranger.code, 5);
  assert.match(byStranger.log, /Unauthorized/);
  assert.equal(t.balance(carol.address), 400n);

  assert.deepEqual(t.query(proxy, { can_execute: { sender: bob.address, msg: msgs[0] } }), { can_execute: false });
  t.execute(alice, proxy, { update_admins: { admins: [alice.address, bob.address] } });
  assert.equal(t.execute(bob, proxy, { execute: { msgs: [msgs[0]] } }).code, 0);
  assert.equal(t.balance(carol.address), 800n);
});

test("multicall aggregates smart queries across contracts; a failing query is reported as a failure, not a result", () => {
  const t = TestChain.withAccounts([alice, 1_000_000]);
  const token = cw20(t, [
    [alice.address, 10],
    [bob.address, 20],
  ]);
  const multicall = t.instantiate(alice, t.storeCode(alice, commonContract("multicall")), {});
  const call = (address: string, msg: unknown) => ({ address, data: b64(msg) });
  const aggregate = t.query<{ return_data: { data: string; success: boolean }[] }>(multicall, {
    aggregate: {
      queries: [
        call(token, { balance: { address: alice.address } }),
        call(token, { balance: { address: bob.address } }),
      ],
    },
  });
  assert.deepEqual(
    aggregate.return_data.map((r) => fromB64Json(r.data)),
    [{ balance: "10" }, { balance: "20" }],
  );

  const tried = t.query<{ return_data: { data: string; success: boolean }[] }>(multicall, {
    try_aggregate: {
      require_success: false,
      include_cause: true,
      queries: [
        call(token, { balance: { address: bob.address } }),
        call(token, { no_such_query: {} }),
        call(dave.address, {}),
      ],
    },
  });
  assert.deepEqual(
    tried.return_data.map((r) => r.success),
    [true, false, false],
  );
  assert.match(
    Buffer.from(tried.return_data[1].data, "base64").toString(),
    /unknown variant `no_such_query`.*query wasm contract failed/,
  );
  assert.match(Buffer.from(tried.return_data[2].data, "base64").toString(), /(No such contract|no_such_contract)/i);

  assert.throws(
    () => t.query(multicall, { aggregate: { queries: [call(token, { no_such_query: {} })] } }),
    /query wasm contract failed/,
  );
});
