/**
 * cw-ics721-bridge (public-awesome's ICS-721, unmodified) on two real nodes: an NFT leaves node A's cw721 through
 * the bridge, arrives on node B as a token of a cw721 the bridge instantiates there, and comes back home.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Relayer } from "../../../src/relayer/relayer.js";
import { b64, commonContract } from "../helpers.js";
import { alice, bob, HOUR, type IbcNode, twoNodes } from "./helpers.js";

function bridge(node: IbcNode) {
  const cw721Code = node.storeCode(alice, commonContract("cw721-base"));
  const address = node.instantiate(alice, node.storeCode(alice, commonContract("cw-ics721-bridge")), {
    cw721_base_code_id: Number(cw721Code),
  });
  return { cw721Code, address, port: node.portOf(address) };
}

const ownerOf = (node: IbcNode, nft: string, token: string) =>
  node.query<{ owner: string }>(nft, { owner_of: { token_id: token } }).owner;

test("an NFT goes to the other node through cw-ics721-bridge and comes back", async (t) => {
  const { a, b } = twoNodes(t);
  const onA = bridge(a);
  const onB = bridge(b);
  const nft = a.instantiate(alice, onA.cw721Code, { name: "Meters", symbol: "MTR", minter: alice.address });
  assert.equal(a.execute(alice, nft, { mint: { token_id: "meter-1", owner: alice.address } }).code, 0);

  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: onA.port, portB: onB.port, version: "ics721-1" });
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;

  const out = a.execute(alice, nft, {
    send_nft: {
      contract: onA.address,
      token_id: "meter-1",
      msg: b64({ receiver: bob.address, channel_id: chA, timeout: { timestamp: (b.headTime() + HOUR).toString() } }),
    },
  });
  assert.equal(out.code, 0, out.log);
  assert.equal(ownerOf(a, nft, "meter-1"), onA.address, "escrowed by the bridge");
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });

  const classId = `${onB.port}/${chB}/${nft}`;
  const voucher = b.query<string | null>(onB.address, { nft_contract: { class_id: classId } });
  assert.equal(typeof voucher, "string", `B's bridge knows class ${classId}`);
  assert.equal(ownerOf(b, voucher!, "meter-1"), bob.address);

  const back = b.execute(bob, voucher!, {
    send_nft: {
      contract: onB.address,
      token_id: "meter-1",
      msg: b64({ receiver: alice.address, channel_id: chB, timeout: { timestamp: (a.headTime() + HOUR).toString() } }),
    },
  });
  assert.equal(back.code, 0, back.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(ownerOf(a, nft, "meter-1"), alice.address, "home again");
  assert.throws(() => ownerOf(b, voucher!, "meter-1"), "the voucher token was burned on B");
});
