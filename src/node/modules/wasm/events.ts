import type { Attribute as ContractAttribute, Event as ContractEvent } from "../../../vm/types.js";
import { wasmErrors } from "../../errors.js";
import { type Attribute, type Event, event } from "../../events.js";

/** Event types and attribute keys of x/wasm (x/wasm/types/events.go). */
export const WASM_EVENTS = {
  wasm: "wasm",
  customPrefix: "wasm-",
  storeCode: "store_code",
  instantiate: "instantiate",
  execute: "execute",
  migrate: "migrate",
  sudo: "sudo",
  reply: "reply",
  updateContractAdmin: "update_contract_admin",
  contractAddress: "_contract_address",
  codeId: "code_id",
  checksum: "code_checksum",
  requiredCapability: "required_capability",
  newAdmin: "new_admin_address",
} as const;

/** The `wasm` event of a response's attributes: `_contract_address` first, then the contract's own attributes. */
export function wasmModuleEvent(attributes: readonly ContractAttribute[], contract: string): Event {
  return { type: WASM_EVENTS.wasm, attributes: contractAttributes(attributes, contract) };
}

/** Custom events become `wasm-<type>` with `_contract_address` first; types of 2 characters or less are refused. */
export function customEvents(events: readonly ContractEvent[], contract: string): Event[] {
  return events.map((e) => {
    const type = (e.type ?? "").trim();
    if (type.length <= 2) throw wasmErrors.invalidEvent.wrap(`Event type too short: '${type}'`);
    return { type: `${WASM_EVENTS.customPrefix}${type}`, attributes: contractAttributes(e.attributes ?? [], contract) };
  });
}

/** Keys and values are trimmed; empty keys and keys starting with "_" (reserved for the node) are refused. */
function contractAttributes(attributes: readonly ContractAttribute[], contract: string): Attribute[] {
  const out: Attribute[] = [{ key: WASM_EVENTS.contractAddress, value: contract }];
  for (const a of attributes) {
    const key = String(a.key ?? "").trim();
    const value = String(a.value ?? "").trim();
    if (key.length === 0) throw wasmErrors.invalidEvent.wrap(`Empty attribute key. Value: ${String(a.value ?? "")}`);
    if (key.startsWith("_")) {
      throw wasmErrors.invalidEvent.wrap(`Attribute key starts with reserved prefix _: '${key}'`);
    }
    out.push({ key, value });
  }
  return out;
}

export function contractEvent(type: string, contract: string, extra: [string, string][] = []): Event {
  return event(type, [[WASM_EVENTS.contractAddress, contract], ...extra]);
}
