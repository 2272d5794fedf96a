import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AddressCodec, moduleAddressBytes } from "../../src/node/address.js";
import { classicContractAddress, predictableContractAddress } from "../../src/node/modules/wasm/addresses.js";

const purple = new AddressCodec("purple");

test("classic contract addresses match wasmd's TestBuildContractAddressClassic", () => {
  const vectors: [bigint, bigint, string][] = [
    [0n, 0n, "purple1w0w8sasnut0jx0vvsnvlc8nayq0q2ej8xgrpwgel05tn6wy4r57qfplul7"],
    [0n, 1n, "purple156r47kpk4va938pmtpuee4fh77847gqcw2dmpl2nnpwztwfgz04s5cr8hj"],
    [1n, 0n, "purple1mzdhwvvh22wrt07w59wxyd58822qavwkx5lcej7aqfkpqqlhaqfs5efvjk"],
    [1n, 1n, "purple14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9smc2vxm"],
  ];
  for (const [codeId, instanceId, expected] of vectors) {
    assert.equal(
      purple.fromBytes(classicContractAddress(codeId, instanceId)),
      expected,
      `code ${codeId} instance ${instanceId}`,
    );
  }
});

interface Vector {
  in: { checksum: string; creator: string; creatorData: string; salt: string; msg: string | null };
  intermediate: { addressData: string };
  out: { address: string };
}

test("instantiate2 addresses match every cosmwasm-std test vector", () => {
  const vectors = JSON.parse(
    readFileSync(new URL("../../../test/node/fixtures/instantiate2_addresses.json", import.meta.url), "utf8"),
  ) as Vector[];
  assert.equal(vectors.length, 24);
  for (const v of vectors) {
    const address = predictableContractAddress(
      Buffer.from(v.in.checksum, "hex"),
      Buffer.from(v.in.creatorData, "hex"),
      Buffer.from(v.in.salt, "hex"),
      new TextEncoder().encode(v.in.msg ?? ""),
    );
    assert.equal(Buffer.from(address).toString("hex"), v.intermediate.addressData);
    assert.equal(purple.fromBytes(address), v.out.address);
    assert.equal(Buffer.from(purple.toBytes(v.in.creator)).toString("hex"), v.in.creatorData);
  }
});

test("instantiate2 refuses a checksum that is not 32 bytes and salts outside 1..64 bytes", () => {
  const creator = Buffer.from("9999999999aaaaaaaaaabbbbbbbbbbcccccccccc", "hex");
  assert.throws(() => predictableContractAddress(new Uint8Array(31), creator, Uint8Array.of(1)), /checksum/);
  assert.throws(() => predictableContractAddress(new Uint8Array(32), creator, new Uint8Array(0)), /salt/);
  assert.throws(() => predictableContractAddress(new Uint8Array(32), creator, new Uint8Array(65)), /salt/);
});

test("addresses: only the normalised bech32 form with the chain's prefix is accepted", () => {
  const grid = new AddressCodec("grid");
  const address = grid.fromBytes(moduleAddressBytes("fee_collector"));
  assert.deepEqual(grid.toBytes(address), moduleAddressBytes("fee_collector"));
  assert.throws(() => grid.toBytes(address.toUpperCase()), /invalid address|not normalized/);
  assert.throws(
    () => grid.toBytes(purple.fromBytes(moduleAddressBytes("x"))),
    /invalid Bech32 prefix; expected grid, got purple/,
  );
  assert.throws(() => grid.toBytes(""), /empty address/);
  assert.throws(() => grid.toBytes("grid1notbech32"), /invalid address/);
});

test("decoded addresses are remembered without changing any answer", () => {
  const codec = new AddressCodec("purple");
  const address = "purple14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9smc2vxm";
  const first = codec.toBytes(address);
  first.fill(0); // a caller scribbling on its copy does not reach the next caller
  const second = codec.toBytes(address);
  assert.notDeepEqual(second, first);
  assert.equal(codec.fromBytes(second), address);
  assert.equal(codec.fromBytes(second), address);
  // Invalid forms are refused every time, before and after the valid one was seen.
  for (let i = 0; i < 2; i++) {
    assert.throws(() => codec.toBytes(address.toUpperCase()), /not normalized/);
    assert.throws(() => codec.toBytes(`${address.slice(0, -1)}x`), /invalid address/);
    assert.throws(() => new AddressCodec("grid").toBytes(address), /expected grid/);
  }
});
