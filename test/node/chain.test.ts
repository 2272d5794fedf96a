/**
 * The header chain: each block's header is signed by the node key, linked to its parent, and committed atomically
 * with its state; verifyChain checks it all from the genesis document alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { sha256 } from "@noble/hashes/sha2.js";
import { NodeKey } from "../../src/node/block/node_key.js";
import { verifyChain } from "../../src/node/block/verify.js";
import { Chain } from "../../src/node/chain.js";
import { MemoryKv } from "../../src/store/memory.js";
import { bankSend, GENESIS_TIME, nodeKey, TestAccount, TestChain, testGenesis, ugrid } from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");

function chainWithBlocks(): TestChain {
  const t = TestChain.withAccounts([alice, 1_000]);
  t.run(alice, [bankSend(alice.address, bob.address, ugrid(1))]);
  t.block();
  t.run(alice, [bankSend(alice.address, bob.address, ugrid(2))]);
  return t;
}

const headerKey = (height: number) => {
  const key = new Uint8Array(4 + 8);
  key.set(new TextEncoder().encode("b/h/"), 0);
  new DataView(key.buffer).setBigUint64(4, BigInt(height));
  return key;
};

test("blocks are linked, signed and verify from the genesis; replaying them gives the same headers", () => {
  const t = chainWithBlocks();
  const [one, two, three] = [1, 2, 3].map((h) => t.chain.header(h)!);
  assert.equal(two.header.last_block_hash, one.hash);
  assert.equal(three.header.last_block_hash, two.hash);
  assert.notEqual(one.header.time, two.header.time);
  assert.deepEqual(verifyChain(t.chain, { replay: true }), {
    height: 3,
    appHash: three.header.app_hash,
    blockHash: three.hash,
    replayed: true,
  });
});

test("an empty block still moves the chain and changes the app hash (the height is hashed in)", () => {
  const t = chainWithBlocks();
  const [one, two] = [1, 2].map((h) => t.chain.header(h)!.header);
  assert.notEqual(one.app_hash, two.app_hash);
  assert.equal(t.chain.blockTxs(2).length, 0);
});

test("verify names the block that was tampered with: contents, signature, or a different key", () => {
  for (const [name, tamper, message] of [
    [
      "app hash",
      (h: Record<string, unknown>) => ({ ...h, header: { ...(h.header as object), app_hash: "00".repeat(32) } }),
      /block 2: stored hash is not the header's hash/,
    ],
    [
      "signature",
      (h: Record<string, unknown>) => ({ ...h, signature: Buffer.alloc(64, 1).toString("base64") }),
      /block 2: signature is not the node key's/,
    ],
  ] as const) {
    const t = chainWithBlocks();
    const bytes = t.store.get(headerKey(2))!;
    const signed = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    t.store.set(headerKey(2), new TextEncoder().encode(JSON.stringify(tamper(signed))));
    assert.throws(() => verifyChain(t.chain), message, name);
  }

  // A chain signed by another key does not verify against this genesis.
  const t = chainWithBlocks();
  const impostor = NodeKey.fromSecret(sha256(new TextEncoder().encode("someone else")));
  const forged = new Chain(t.store, t.genesis);
  forged.produceBlock([], forged.head().timeNs + 1_000_000_000n, impostor);
  assert.throws(() => verifyChain(forged), /block 4: signature is not the node key's/);
});

test("a block's time must be after its parent's; the genesis store refuses a second genesis", () => {
  const t = chainWithBlocks();
  const head = t.chain.head();
  assert.throws(
    () => t.chain.produceBlock([], head.timeNs, nodeKey),
    /block time .* is not after the previous block's/,
  );
  assert.throws(() => t.chain.initGenesis(), /already holds a chain/);
  assert.equal(t.chain.head().height, 3);
});

test("genesis: the same document always gives the same genesis state", () => {
  const genesis = testGenesis([{ account: alice, coins: ugrid(5) }]);
  const a = new Chain(new MemoryKv(), genesis);
  const b = new Chain(new MemoryKv(), structuredClone(genesis));
  a.initGenesis();
  b.initGenesis();
  assert.deepEqual(a.head(), b.head());
  assert.equal(genesis.genesis_time, GENESIS_TIME);
});
