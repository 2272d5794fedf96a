import { test } from "node:test";
import assert from "node:assert/strict";
import { bankSend, DENOM, TestAccount, TestChain, ugrid } from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");

test("a bank send moves coins, creates the recipient's account and emits the SDK's events", () => {
  const t = TestChain.withAccounts([alice, 1_000_000]);
  const result = t.run(alice, [bankSend(alice.address, bob.address, ugrid(250))]);
  assert.equal(t.balance(alice.address), 999_750n);
  assert.equal(t.balance(bob.address), 250n);
  assert.equal(t.account(bob.address)?.accountNumber, 1n);
  assert.equal(t.account(alice.address)?.sequence, 1n);
  const types = result.events.map((e) => e.type);
  assert.deepEqual(types, ["tx", "tx", "tx", "message", "coin_spent", "coin_received", "transfer", "message"]);
  const transfer = result.events.find((e) => e.type === "transfer")!;
  assert.deepEqual(transfer.attributes, [
    { key: "recipient", value: bob.address },
    { key: "sender", value: alice.address },
    { key: "amount", value: `250${DENOM}` },
    { key: "msg_index", value: "0" },
  ]);
  assert.ok(result.gasUsed > 0 && result.gasUsed < result.gasWanted);
});
