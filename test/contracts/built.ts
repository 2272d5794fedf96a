import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkWasm, type CheckReport } from "../../src/vm/compatibility.js";
import { mockAddress, mockVm, TestContract } from "../../src/vm/testing/mock.js";
import type { Vm } from "../../src/vm/vm.js";

/**
 * Access to the contracts `npm run build:contracts` compiled into contracts/build/ (built, never committed;
 * `npm test` builds them first).
 */

export function contractWasm(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../../contracts/build/${name}.wasm`, import.meta.url)));
}

export function contractReport(name: string): CheckReport {
  return checkWasm(contractWasm(name));
}

/** Stores the contract in `vm` and returns a fresh instance of it at the address derived from `label`. */
export function deploy(name: string, vm: Vm = mockVm(), label = name): TestContract {
  const { checksum } = vm.storeCode(contractWasm(name));
  return new TestContract(vm, checksum, mockAddress(label));
}

const utf8 = new TextDecoder();

/** Every raw storage entry as text (keys with non-printable bytes escaped as \xNN). */
export function dumpStorage(contract: TestContract): [string, string][] {
  const out: [string, string][] = [];
  const it = contract.storage.range(undefined, undefined, "ascending");
  for (let r = it.next(); !r.done; r = it.next()) out.push([printable(r.value.key), utf8.decode(r.value.value)]);
  return out;
}

export function printable(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  return s;
}

/** Decodes a base64 string to text. */
export function fromBase64(b64: string): string {
  return Buffer.from(b64, "base64").toString("utf8");
}

export function toBase64(text: string | Uint8Array): string {
  return Buffer.from(text).toString("base64");
}
