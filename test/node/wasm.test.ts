/**
 * x/wasm messages and contract queries on the node: admin and migration, instantiate2, funds, events, the querier.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  MsgClearAdmin,
  MsgInstantiateContract2,
  MsgMigrateContract,
  MsgStoreCode,
  MsgUpdateAdmin,
} from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { AddressCodec } from "../../src/node/address.js";
import { FaultLatch } from "../../src/node/modules/wasm/fault.js";
import { predictableContractAddress } from "../../src/node/modules/wasm/addresses.js";
import { ContractQuerier } from "../../src/node/modules/wasm/querier.js";
import { findAttribute } from "../../src/node/events.js";
import {
  b64,
  bankSend,
  builtContract,
  commonContract,
  DENOM,
  json,
  PREFIX,
  send,
  TestAccount,
  TestChain,
  ugrid,
} from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");

function withCw20(): { t: TestChain; codeId: bigint; token: string } {
  const t = TestChain.withAccounts([alice, 1_000_000], [bob, 1_000_000]);
  const codeId = t.storeCode(alice, commonContract("cw20-base"));
  const token = t.instantiate(
    alice,
    codeId,
    { name: "Grid", symbol: "GRID", decimals: 6, initial_balances: [{ address: alice.address, amount: "500" }] },
    { admin: alice.address },
  );
  return { t, codeId, token };
}

test("migrate, update and clear admin: only the admin, with wasmd's events, history and errors", () => {
  const { t, token } = withCw20();
  const second = t.storeCode(alice, commonContract("cw20-base"));
  const migrate = (who: TestAccount) =>
    t.deliver(who, [send(MsgMigrateContract, { sender: who.address, contract: token, codeId: second, msg: json({}) })]);

  const refused = migrate(bob);
  assert.deepEqual([refused.codespace, refused.code], ["sdk", 4]);
  assert.equal(refused.log, "failed to execute message; message index: 0: can not migrate: unauthorized");

  const migrated = migrate(alice);
  assert.equal(migrated.code, 0, migrated.log);
  assert.deepEqual(migrated.events.find((e) => e.type === "migrate")!.attributes.slice(0, 2), [
    { key: "code_id", value: "2" },
    { key: "_contract_address", value: token },
  ]);
  const ctx = t.chain.queryContext();
  assert.equal(t.app.wasm.keeper.contractInfo(ctx, token)!.codeId, second);
  assert.deepEqual(
    t.app.wasm.keeper.state.history(ctx, token).map((e) => [e.operation, e.codeId]),
    [
      [1, 1n],
      [2, 2n],
    ],
  );
  assert.deepEqual(t.app.wasm.keeper.state.contractsByCode(ctx, 1n), []);
  assert.deepEqual(t.app.wasm.keeper.state.contractsByCode(ctx, 2n), [token]);
  assert.equal(
    t.query<{ balance: string }>(token, { balance: { address: alice.address } }).balance,
    "500",
    "state kept",
  );

  const handOver = t.deliver(alice, [
    send(MsgUpdateAdmin, { sender: alice.address, contract: token, newAdmin: bob.address }),
  ]);
  assert.equal(handOver.code, 0);
  assert.deepEqual(handOver.events.find((e) => e.type === "update_contract_admin")!.attributes.slice(0, 2), [
    { key: "_contract_address", value: token },
    { key: "new_admin_address", value: bob.address },
  ]);
  assert.equal(migrate(alice).code, 4, "alice is no longer the admin");
  const cleared = t.deliver(bob, [send(MsgClearAdmin, { sender: bob.address, contract: token })]);
  assert.equal(findAttribute(cleared.events, "update_contract_admin", "new_admin_address"), "");
  assert.equal(migrate(bob).code, 4, "no admin: nobody can migrate");
  assert.equal(t.app.wasm.keeper.contractInfo(t.chain.queryContext(), token)!.admin, "");
});

test("instantiate2 puts the contract at the predicted address, once", () => {
  const { t, codeId } = withCw20();
  const checksum = t.app.wasm.keeper.codeInfo(t.chain.queryContext(), codeId)!.codeHash;
  const salt = new TextEncoder().encode("community-1");
  const msg = json({ name: "Two", symbol: "TWO", decimals: 0, initial_balances: [] });
  const instantiate2 = () =>
    t.deliver(alice, [
      send(MsgInstantiateContract2, { sender: alice.address, codeId, label: "two", msg, salt, admin: "" }),
    ]);
  const result = instantiate2();
  assert.equal(result.code, 0, result.log);
  const expected = new AddressCodec(PREFIX).fromBytes(
    predictableContractAddress(checksum, new AddressCodec(PREFIX).toBytes(alice.address), salt),
  );
  assert.equal(findAttribute(result.events, "instantiate", "_contract_address"), expected);
  const again = instantiate2();
  assert.deepEqual([again.codespace, again.code], ["wasm", 15]);
  assert.match(again.log, /contract address already exists, try a different combination of creator, checksum and salt/);
});

test("funds sent with instantiate and execute reach the contract; without the funds nothing happens", () => {
  const t = TestChain.withAccounts([alice, 1_000], [bob, 10]);
  const codeId = t.storeCode(alice, builtContract("reflect"));
  const contract = t.instantiate(alice, codeId, {}, { funds: ugrid(300) });
  assert.equal(t.balance(contract), 300n);
  assert.equal(t.execute(alice, contract, { respond: {} }, ugrid(200)).code, 0);
  assert.equal(t.balance(contract), 500n);
  assert.equal(t.balance(alice.address), 500n);
  const poor = t.execute(bob, contract, { respond: { set: [{ key: "k", value: "v" }] } }, ugrid(11));
  assert.deepEqual([poor.codespace, poor.code], ["sdk", 5]);
  assert.equal(
    poor.log,
    `failed to execute message; message index: 0: spendable balance 10${DENOM} is smaller than 11${DENOM}: insufficient funds`,
  );
  assert.equal(t.balance(bob.address), 10n);
  assert.equal(t.query<{ value: string | null }>(contract, { value: { key: "k" } }).value, null);
});

test("events: `wasm` with _contract_address first, custom `wasm-<type>` events, and invalid events refused", () => {
  const t = TestChain.withAccounts([alice, 1_000]);
  const codeId = t.storeCode(alice, builtContract("reflect"));
  const contract = t.instantiate(alice, codeId, {});
  const result = t.execute(alice, contract, {
    respond: {
      attributes: [{ key: "meter", value: " 42 " }],
      events: [{ type: "reading", attributes: [{ key: "kwh", value: "3.5" }] }],
    },
  });
  assert.equal(result.code, 0, result.log);
  const strip = (attrs: { key: string; value: string }[]) => attrs.filter((a) => a.key !== "msg_index");
  assert.deepEqual(
    result.events.filter((e) => e.type.startsWith("wasm")).map((e) => [e.type, strip(e.attributes)]),
    [
      [
        "wasm",
        [
          { key: "_contract_address", value: contract },
          { key: "action", value: "respond" },
          { key: "meter", value: "42" },
        ],
      ],
      [
        "wasm-reading",
        [
          { key: "_contract_address", value: contract },
          { key: "kwh", value: "3.5" },
        ],
      ],
    ],
  );
  const reserved = t.execute(alice, contract, { respond: { attributes: [{ key: "_evil", value: "1" }] } });
  assert.deepEqual([reserved.codespace, reserved.code], ["wasm", 21]);
  assert.match(reserved.log, /Attribute key starts with reserved prefix _: '_evil'/);
  const short = t.execute(alice, contract, { respond: { events: [{ type: "ab", attributes: [] }] } });
  assert.match(short.log, /Event type too short: 'ab': invalid event/);
});

test("contract queries: answers as results, every failure as an error (SystemError or contract error), never as data", () => {
  const { t, token } = withCw20();
  const ctx = t.chain.queryContext();
  const querier = new ContractQuerier(t.app.wasm.queries, ctx, alice.address, new FaultLatch());
  const ask = (request: unknown) => querier.query(request, 500_000 * 140_000);
  const decoded = (r: ReturnType<typeof ask>) => {
    assert.ok("ok" in r.result && "ok" in r.result.ok, JSON.stringify(r.result));
    return JSON.parse(Buffer.from(r.result.ok.ok, "base64").toString());
  };

  assert.deepEqual(decoded(ask({ bank: { balance: { address: alice.address, denom: DENOM } } })), {
    amount: { denom: DENOM, amount: String(t.balance(alice.address)) },
  });
  assert.deepEqual(decoded(ask({ bank: { all_balances: { address: bob.address } } })), {
    amount: [{ denom: DENOM, amount: "1000000" }],
  });
  assert.deepEqual(decoded(ask({ bank: { supply: { denom: DENOM } } })), {
    amount: { denom: DENOM, amount: "2000000" },
  });
  assert.deepEqual(
    decoded(ask({ wasm: { smart: { contract_addr: token, msg: b64({ balance: { address: alice.address } }) } } })),
    {
      balance: "500",
    },
  );
  const info = decoded(ask({ wasm: { contract_info: { contract_addr: token } } }));
  assert.deepEqual(info, { code_id: 1, creator: alice.address, admin: alice.address, pinned: false });
  assert.equal(decoded(ask({ wasm: { code_info: { code_id: 1 } } })).checksum.length, 64);

  // cw20's balance key is "balance" ‖ address; a missing key answers empty bytes.
  const raw = ask({
    wasm: { raw: { contract_addr: token, key: Buffer.from(`\x00\x07balance${alice.address}`).toString("base64") } },
  });
  assert.ok("ok" in raw.result && "ok" in raw.result.ok);
  assert.deepEqual(ask({ wasm: { raw: { contract_addr: token, key: b64("nothing") } } }).result, { ok: { ok: "" } });

  const missing = new AddressCodec(PREFIX).fromBytes(sha256(new TextEncoder().encode("nobody")));
  assert.deepEqual(ask({ wasm: { smart: { contract_addr: missing, msg: b64({}) } } }).result, {
    error: { no_such_contract: { addr: missing } },
  });
  assert.deepEqual(ask({ wasm: { code_info: { code_id: 99 } } }).result, { error: { no_such_code: { code_id: 99 } } });
  const contractError = ask({ wasm: { smart: { contract_addr: token, msg: b64({ nope: {} }) } } }).result;
  assert.ok("ok" in contractError && "error" in contractError.ok);
  assert.match(contractError.ok.error, /unknown variant `nope`.*: query wasm contract failed$/);
  assert.deepEqual(ask({ bank: { balance: { address: "cosmos1bad", denom: DENOM } } }).result, {
    ok: { error: "codespace: sdk, code: 7" },
  });
  assert.deepEqual(ask({ staking: { all_validators: {} } }).result, {
    error: { unsupported_request: { kind: "staking" } },
  });
  assert.deepEqual(ask({ something: {} }).result, { error: { unsupported_request: { kind: "something" } } });

  // A query that needs more gas than the caller has left makes the caller run out.
  assert.ok(ask({ wasm: { smart: { contract_addr: token, msg: b64({ token_info: {} }) } } }).gasUsed > 0);
  const starved = querier.query(
    { wasm: { smart: { contract_addr: token, msg: b64({ token_info: {} }) } } },
    1_000 * 140_000,
  );
  assert.ok(starved.gasUsed > 1_000 * 140_000);
});

test("a failed tx leaves no trace: a code stored in it gets no id, and storing it again starts from id 1", () => {
  const t = TestChain.withAccounts([alice, 1_000]);
  const wasm = builtContract("counter");
  const failed = t.deliver(alice, [
    send(MsgStoreCode, { sender: alice.address, wasmByteCode: wasm }),
    bankSend(alice.address, bob.address, ugrid(5_000)),
  ]);
  assert.equal(failed.code, 5);
  const ctx = t.chain.queryContext();
  assert.equal(t.app.wasm.keeper.codeInfo(ctx, 1n), undefined);
  assert.equal(t.app.wasm.keeper.state.peekCodeId(ctx), 1n);
  assert.equal(t.storeCode(alice, wasm), 1n);
});
