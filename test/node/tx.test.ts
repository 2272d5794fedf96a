import { test } from "node:test";
import assert from "node:assert/strict";
import { DirectSecp256k1HdWallet, encodePubkey, makeAuthInfoBytes, makeSignDoc, Registry } from "@cosmjs/proto-signing";
import { MsgExecuteContract, MsgStoreCode } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { TxRejectedError, TxClient } from "../../src/node/client.js";
import { hex } from "../../src/node/block/header.js";
import {
  bankSend,
  CHAIN_ID,
  DENOM,
  nodeKey,
  PREFIX,
  send,
  TestAccount,
  TestChain,
  testGenesis,
  ugrid,
} from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");
const MNEMONIC =
  "surround miss nominee dream gap cross assault thank captain prosper drop duty group candy wealth weather scale put";

/** Everything a client can observe of the state: the app hash covers it all. */
function stateFingerprint(t: TestChain): string {
  return hex(t.chain.head().appHash);
}

test("a tx signed by cosmjs's DirectSecp256k1HdWallet for this chain id is accepted", async () => {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: PREFIX });
  const [account] = await wallet.getAccounts();
  const holder = new TestAccount("holder");
  const t = new TestChain(
    testGenesis([
      { account: holder, coins: ugrid(1) },
      { account: { address: account.address } as TestAccount, coins: ugrid(1_000_000) },
    ]),
  );
  const onChain = t.account(account.address)!;
  const registry = new Registry();
  const bodyBytes = registry.encode({
    typeUrl: "/cosmos.tx.v1beta1.TxBody",
    value: {
      messages: [
        {
          typeUrl: "/cosmos.bank.v1beta1.MsgSend",
          value: { fromAddress: account.address, toAddress: bob.address, amount: [{ denom: DENOM, amount: "1234" }] },
        },
      ],
      memo: "signed by cosmjs",
    },
  });
  const pubkey = encodePubkey({
    type: "tendermint/PubKeySecp256k1",
    value: Buffer.from(account.pubkey).toString("base64"),
  });
  const authInfoBytes = makeAuthInfoBytes(
    [{ pubkey, sequence: Number(onChain.sequence) }],
    [],
    200_000,
    undefined,
    undefined,
  );
  const signDoc = makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, Number(onChain.accountNumber));
  const { signed, signature } = await wallet.signDirect(account.address, signDoc);
  const tx = TxRaw.encode({
    bodyBytes: signed.bodyBytes,
    authInfoBytes: signed.authInfoBytes,
    signatures: [Buffer.from(signature.signature, "base64")],
  }).finish();

  assert.equal(t.chain.checkTx(tx, t.nextTime()).code, 0);
  const [result] = t.block(tx).results;
  assert.equal(result.code, 0, result.log);
  assert.equal(t.balance(bob.address), 1234n);
  assert.equal(t.account(account.address)!.sequence, 1n);
  assert.equal(
    Buffer.from(t.account(account.address)!.pubKey!).toString("hex"),
    Buffer.from(account.pubkey).toString("hex"),
  );
});

test("replay protection: the same signed tx is refused the second time (sequence already used)", () => {
  const t = TestChain.withAccounts([alice, 1_000]);
  const tx = t.sign(alice, [bankSend(alice.address, bob.address, ugrid(10))]);
  assert.equal(t.block(tx).results[0].code, 0);
  const again = t.chain.checkTx(tx, t.nextTime());
  assert.equal(again.codespace, "sdk");
  assert.equal(again.code, 32);
  assert.match(again.log, /account sequence mismatch, expected 1, got 0: incorrect account sequence/);
  assert.equal(t.balance(bob.address), 10n);
});

/**
 * Bad input at admission (CheckTx): each is a clear error, no block is made, and the state is exactly as before.
 */
test("bad input is refused before it reaches a block, with a clear error, and changes nothing", async () => {
  const t = TestChain.withAccounts([alice, 1_000_000]);
  const client = new TxClient(t.chain, nodeKey);
  const before = stateFingerprint(t);
  const height = t.chain.head().height;
  const ok = () => bankSend(alice.address, bob.address, ugrid(5));
  const cases: [string, Uint8Array, RegExp, [string, number]][] = [
    ["malformed bytes", Uint8Array.of(0xde, 0xad, 0xbe, 0xef), /tx parse error/, ["sdk", 2]],
    ["empty bytes", new Uint8Array(0), /tx bytes are empty: tx parse error/, ["sdk", 2]],
    [
      "a signature by another key",
      (() => {
        const good = TxRaw.decode(t.sign(alice, [ok()]));
        const forged = TxRaw.decode(t.sign(bob, [ok()], { accountNumber: 0n, sequence: 0n }));
        return TxRaw.encode({ ...good, signatures: forged.signatures }).finish();
      })(),
      /signature verification failed; please verify account number \(0\), sequence \(0\) and chain-id \(plurigrid-test-1\): unauthorized/,
      ["sdk", 4],
    ],
    [
      "a wrong chain id",
      t.sign(alice, [ok()], { chainId: "other-chain" }),
      /signature verification failed/,
      ["sdk", 4],
    ],
    [
      "a wrong sequence",
      t.sign(alice, [ok()], { sequence: 7n }),
      /account sequence mismatch, expected 0, got 7/,
      ["sdk", 32],
    ],
    [
      "an unknown message",
      t.sign(alice, [{ typeUrl: "/cosmos.gov.v1.MsgVote", value: new Uint8Array(0) }]),
      /unable to resolve type URL \/cosmos.gov.v1.MsgVote: tx parse error/,
      ["sdk", 2],
    ],
    ["invalid JSON to a contract", t.sign(alice, [executeRaw("{not json")]), /payload msg: invalid/, ["wasm", 14]],
    ["no messages", t.sign(alice, []), /must contain at least one message/, ["sdk", 18]],
    [
      "a signer that is not the message's",
      t.sign(bob, [ok()], { accountNumber: 0n, sequence: 0n }),
      /pubKey does not match signer address/,
      ["sdk", 8],
    ],
  ];
  for (const [name, tx, message, [codespace, code]] of cases) {
    const result = t.chain.checkTx(tx, t.nextTime());
    assert.match(result.log, message, name);
    assert.deepEqual([result.codespace, result.code], [codespace, code], `${name}: ${result.log}`);
    assert.throws(() => client.broadcast(tx, t.nextTime()), TxRejectedError, name);
  }
  assert.equal(t.chain.head().height, height, "no block was produced");
  assert.equal(stateFingerprint(t), before, "the state is unchanged");
  assert.equal(t.balance(alice.address), 1_000_000n);
});

/** An execute message whose payload is the given text, valid JSON or not. */
function executeRaw(msg: string) {
  return send(MsgExecuteContract, {
    sender: alice.address,
    contract: alice.address,
    msg: new TextEncoder().encode(msg),
    funds: [],
  });
}

test("invalid wasm fails in its block with the checker's message; only the signer's sequence moves", () => {
  const t = TestChain.withAccounts([alice, 1_000_000]);
  const result = t.deliver(alice, [
    send(MsgStoreCode, { sender: alice.address, wasmByteCode: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0) }),
  ]);
  assert.equal(result.codespace, "wasm");
  assert.equal(result.code, 2);
  assert.match(
    result.log,
    /^failed to execute message; message index: 0: Invalid contract: .+: create wasm contract failed$/,
  );
  assert.equal(t.account(alice.address)!.sequence, 1n);
  assert.equal(t.app.wasm.keeper.state.peekCodeId(t.chain.queryContext()), 1n, "no code id was taken");
});

test("a tx that fails in its messages keeps only its fee and sequence; its error, gas and events are in its result", () => {
  const t = TestChain.withAccounts([alice, 1_000]);
  const feeCollector = t.app.auth.moduleAddress("fee_collector");
  // The first message succeeds, the second fails: the first one's transfer must not survive either.
  const result = t.deliver(
    alice,
    [bankSend(alice.address, bob.address, ugrid(100)), bankSend(alice.address, bob.address, ugrid(5_000))],
    {
      fee: ugrid(7),
      gas: 300_000,
    },
  );
  assert.deepEqual([result.codespace, result.code], ["sdk", 5]);
  assert.match(
    result.log,
    /^failed to execute message; message index: 1: spendable balance 893ugrid is smaller than 5000ugrid/,
  );
  assert.equal(result.gasWanted, 300_000);
  assert.ok(result.gasUsed > 0);
  assert.deepEqual(
    result.events.map((e) => e.type),
    ["coin_spent", "coin_received", "transfer", "message", "tx", "tx", "tx"],
    "only the ante handler's events (the fee transfer and the tx events)",
  );
  assert.equal(t.balance(alice.address), 993n);
  assert.equal(t.balance(bob.address), 0n);
  assert.equal(t.balance(feeCollector), 7n);
  assert.equal(t.account(alice.address)!.sequence, 1n);
  assert.deepEqual(t.chain.txByHash(result.hash)?.result, result);
  assert.equal(t.chain.txByHash(result.hash.toLowerCase())?.result.hash, result.hash);
});

test("a fee larger than the balance is refused at CheckTx", () => {
  const t = TestChain.withAccounts([alice, 10]);
  const result = t.chain.checkTx(
    t.sign(alice, [bankSend(alice.address, bob.address, ugrid(1))], { fee: ugrid(11) }),
    t.nextTime(),
  );
  assert.deepEqual([result.codespace, result.code], ["sdk", 5]);
  assert.match(
    result.log,
    /failed to deduct fees: spendable balance 10ugrid is smaller than 11ugrid: insufficient funds/,
  );
});
