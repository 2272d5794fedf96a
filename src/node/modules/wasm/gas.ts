import type { Attribute, Event as ContractEvent, Reply } from "../../../vm/types.js";

/**
 * wasmd's gas register (x/wasm/types/gas_register.go, default config): SDK gas charged around contract calls, on top
 * of what the engine meters inside them.
 */
export const WASM_GAS = {
  /** Loading an instance for any entry point. */
  instanceCost: 60_000,
  /** Instead of instanceCost when the code already ran in this tx (assumed cached). */
  instanceCostDiscount: 2_000,
  /** Per byte of stored wasm (wasmvm's compile cost). */
  compileCostPerByte: 3,
  eventAttributeDataCost: 1,
  perAttributeCost: 10,
  perCustomEventCost: 20,
  eventAttributeDataFreeTier: 100,
  contractMessageDataCost: 0,
} as const;

const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");

export function setupContractCost(discount: boolean, msgLength: number): number {
  return (
    (discount ? WASM_GAS.instanceCostDiscount : WASM_GAS.instanceCost) + msgLength * WASM_GAS.contractMessageDataCost
  );
}

export function compileCost(wasmLength: number): number {
  return wasmLength * WASM_GAS.compileCostPerByte;
}

/** Cost of the attributes and custom events of a contract response; the free tier applies to all of them together. */
export function eventCosts(attributes: readonly Attribute[], events: readonly ContractEvent[]): number {
  let [gas, freeTier] = attributeCosts(attributes, WASM_GAS.eventAttributeDataFreeTier);
  for (const e of events) {
    gas += WASM_GAS.perCustomEventCost + utf8Length(e.type) * WASM_GAS.eventAttributeDataCost;
    const [cost, left] = attributeCosts(e.attributes, freeTier);
    gas += cost;
    freeTier = left;
  }
  return gas;
}

/** Replies always get the discount: the contract just ran. */
export function replyCosts(reply: Reply): number {
  let msgLength = "error" in reply.result ? utf8Length(reply.result.error) : 0;
  let eventGas = 0;
  if ("ok" in reply.result) {
    const data = reply.result.ok.data;
    msgLength += data ? Buffer.from(data, "base64").length : 0;
    const attrs: Attribute[] = [];
    for (const e of reply.result.ok.events) {
      eventGas += utf8Length(e.type) * WASM_GAS.eventAttributeDataCost;
      attrs.push(...e.attributes);
    }
    eventGas += eventCosts(attrs, []);
  }
  return eventGas + setupContractCost(true, msgLength);
}

function attributeCosts(attributes: readonly Attribute[], freeTier: number): [number, number] {
  if (attributes.length === 0) return [0, freeTier];
  let stored = 0;
  for (const a of attributes) stored += utf8Length(a.key) + utf8Length(a.value);
  let left = freeTier;
  if (stored <= left) {
    left -= stored;
    stored = 0;
  } else {
    stored -= left;
    left = 0;
  }
  return [stored * WASM_GAS.eventAttributeDataCost + attributes.length * WASM_GAS.perAttributeCost, left];
}
