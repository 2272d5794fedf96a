/** Public surface of the contract engine (`plurigrid/vm`). */
export { Bech32Api } from "./api.js";
export {
  AddressError,
  type Api,
  type Backend,
  type KvRecord,
  type Order,
  type Querier,
  type QuerierResult,
  type Storage,
} from "./backend.js";
export * as calls from "./calls.js";
export type { CallResult, MsgInput, Target } from "./calls.js";
export { DEFAULT_CAPABILITIES, parseCapabilities } from "./capabilities.js";
export { checkWasm, type CheckReport } from "./compatibility.js";
export * from "./errors.js";
export { DEFAULT_GAS_CONFIG, SDK_GAS_MULTIPLIER, type GasConfig, vmGasToSdkGas } from "./gas.js";
export type * from "./types.js";
export { Vm, type CallBackend, type CallOptions, type StoredCode, type VmOptions } from "./vm.js";
export { MemoryStorage } from "./testing/storage.js";
export { MockQuerier, TestContract, mockAddress, mockEnv, mockInfo, mockVm } from "./testing/mock.js";
