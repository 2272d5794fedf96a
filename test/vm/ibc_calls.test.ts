import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as calls from "../../src/vm/calls.js";
import type { IbcChannel, IbcPacket } from "../../src/vm/types.js";
import { mockAddress, mockVm, TestContract } from "../../src/vm/testing/mock.js";

const require = createRequire(import.meta.url);
const dataDir = require.resolve("@oraichain/common-contracts-build/package.json").replace(/package\.json$/, "data/");
const vm = mockVm();
const ics20 = vm.storeCode(readFileSync(dataDir + "cw20-ics20.wasm"));
const cw20 = vm.storeCode(readFileSync(dataDir + "cw20-base.wasm"));
const admin = mockAddress("admin");

function bridge(): TestContract {
  const c = new TestContract(vm, ics20.checksum);
  const r = c.instantiate(admin, { default_timeout: 600, gov_contract: admin, allowlist: [] });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  return c;
}

const channel = (overrides: Partial<IbcChannel> = {}): IbcChannel => ({
  endpoint: { port_id: `wasm.${mockAddress("contract")}`, channel_id: "channel-0" },
  counterparty_endpoint: { port_id: "transfer", channel_id: "channel-7" },
  order: "ORDER_UNORDERED",
  version: "ics20-1",
  connection_id: "connection-0",
  ...overrides,
});

test("ibc_channel_open: cw20-ics20 accepts ics20-1 unordered and refuses others with its own message", () => {
  const c = bridge();
  const ok = calls.ibcChannelOpen(c.target, c.env(), { open_init: { channel: channel() } });
  assert.ok("ok" in ok.result, JSON.stringify(ok.result));
  assert.ok(ok.gasUsed > 0);
  const ordered = calls.ibcChannelOpen(c.target, c.env(), {
    open_init: { channel: channel({ order: "ORDER_ORDERED" }) },
  });
  assert.deepEqual(ordered.result, { error: "Only supports unordered channel" });
  const wrongVersion = calls.ibcChannelOpen(c.target, c.env(), {
    open_try: { channel: channel({ version: "ics20-2" }), counterparty_version: "ics20-2" },
  });
  assert.ok("error" in wrongVersion.result);
  assert.match(wrongVersion.result.error, /ics20-1/);
});

test("ibc_channel_connect records the channel; list_channels shows it", () => {
  const c = bridge();
  const r = calls.ibcChannelConnect(c.target, c.env(), {
    open_ack: { channel: channel(), counterparty_version: "ics20-1" },
  });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  assert.deepEqual(r.result.ok.messages, []);
  const listed = c.query<{ channels: { id: string }[] }>({ list_channels: {} });
  assert.ok("ok" in listed);
  assert.deepEqual(
    listed.ok.channels.map((ch) => ch.id),
    ["channel-0"],
  );
});

test("ibc_packet_receive: a packet the contract cannot honour is an ok result carrying an error acknowledgement", () => {
  const c = bridge();
  calls.ibcChannelConnect(c.target, c.env(), { open_ack: { channel: channel(), counterparty_version: "ics20-1" } });
  const data = { denom: "transfer/channel-7/ugrid", amount: "5", sender: "cosmos1sender", receiver: mockAddress("r") };
  const packet: IbcPacket = {
    data: Buffer.from(JSON.stringify(data)).toString("base64"),
    src: { port_id: "transfer", channel_id: "channel-7" },
    dest: { port_id: `wasm.${c.address}`, channel_id: "channel-0" },
    sequence: 1,
    timeout: { block: null, timestamp: "1700000000000000000" },
  };
  const r = calls.ibcPacketReceive(c.target, c.env(), { packet, relayer: mockAddress("relayer") });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  assert.ok(r.result.ok.acknowledgement);
  const ack = JSON.parse(Buffer.from(r.result.ok.acknowledgement, "base64").toString());
  assert.ok("error" in ack, JSON.stringify(ack));
  const success = r.result.ok.attributes.find((a) => a.key === "success");
  assert.equal(success?.value, "false");
});

test("ibc_packet_timeout: a refund the channel cannot cover is the contract's error", () => {
  const c = bridge();
  const packet: IbcPacket = {
    data: Buffer.from(JSON.stringify({ denom: "cw20:x", amount: "1", sender: admin, receiver: "r" })).toString(
      "base64",
    ),
    src: { port_id: `wasm.${c.address}`, channel_id: "channel-0" },
    dest: { port_id: "transfer", channel_id: "channel-7" },
    sequence: 9,
    timeout: { block: { revision: 1, height: 100 }, timestamp: null },
  };
  const r = calls.ibcPacketTimeout(c.target, c.env(), { packet, relayer: mockAddress("relayer") });
  assert.deepEqual(r.result, { error: "Insufficient funds to redeem voucher on channel" });
});

test("migrate calls the 2-argument export of contracts built before MigrateInfo", () => {
  const c = new TestContract(vm, cw20.checksum);
  c.instantiate(admin, {
    name: "Grid",
    symbol: "GRD",
    decimals: 0,
    initial_balances: [],
    mint: null,
    marketing: null,
  });
  assert.equal(vm.getCode(cw20.checksum).migrateArity, 2);
  const r = calls.migrate(c.target, c.env(), {}, { sender: admin, old_migrate_version: null });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
});

test("an entry point the contract does not export is a VM error naming it", () => {
  const c = new TestContract(vm, cw20.checksum);
  assert.throws(
    () => calls.sudo(c.target, c.env(), {}),
    (e: unknown) => e instanceof Error && /does not export sudo/.test(e.message),
  );
});
