/**
 * Public surface of the node (`plurigrid/node`): the state machine, its block pipeline and the extension points for
 * more modules. How a module such as IBC core or ICS-20 plugs in:
 *
 * - Messages: `app.registerModule({ name, routes, beginBlock?, endBlock?, initGenesis? })`. Each MsgRoute decodes its
 *   type URL, names its signers, validates, and handles the message in an ExecContext whose `store` is the message's
 *   cache branch of the whole state (modules keep their keys under their own prefix), with the block (height, time,
 *   chain id), the tx's gas meter and an event manager. `ctx.branch()` gives a nested cache branch; `withStore`
 *   runs module code on a branch another layer made.
 * - Contracts: `app.wasm.messenger.register("ibc", handler)` receives contracts' `{"ibc": …}` messages (with the
 *   contract's address and `wasm.<address>` port); `app.wasm.queries.register("ibc", handler)` answers their IBC
 *   queries; `app.wasm.relay` calls contracts' IBC entry points with wasmd's semantics.
 * - Blocks: `chain.execute(txs, time)` runs begin hooks, txs and end hooks on one branch and returns the pending
 *   header; `chain.commit(pending, signature)` writes state, header, txs, results, hook events and the modules'
 *   indexes (`indexBlock`) atomically.
 * - IBC (`app.ibc`): ibc-go's messages and ICS-20's MsgTransfer are routes; ports `transfer` and `wasm.*` are bound;
 *   `NodeEndpoint` is the node as a relayer's ChainEndpoint (queries, solo-machine proofs, one tx per submit).
 */
export { App, type AppOptions, QUERY_GAS_LIMIT, UNMETERED } from "./app.js";
export { nextAppHash, ZERO_HASH } from "./app_hash.js";
export { AddressCodec, moduleAddressBytes, moduleDerivedAddress, secp256k1AddressBytes } from "./address.js";
export { type Header, headerHash, type SignedHeader } from "./block/header.js";
export { NodeKey, type NodeKeyFile, verifyHeaderSignature } from "./block/node_key.js";
export { verifyChain, type VerifyReport } from "./block/verify.js";
export { Chain, type ChainHead, type CommittedBlock, type PendingBlock } from "./chain.js";
export { type BroadcastOutcome, TxClient, TxRejectedError, type TxRequest } from "./client.js";
export * as coins from "./coins.js";
export { type BlockContext, ExecContext, type ExecMode, type TxInfo } from "./context.js";
export { AbciCode, AbciError, NodeError, sdkErrors, wasmErrors } from "./errors.js";
export { type Attribute, type Event, event, EventManager, findAttribute } from "./events.js";
export { GasMeter, OutOfGas } from "./gas.js";
export { type Genesis, genesisHash, validateGenesis } from "./genesis.js";
export { initHome, type InitOptions, NodeHome, type OpenNode } from "./home.js";
export { Keyring, type KeyInfo } from "./keyring.js";
export type { Module } from "./module.js";
export { type Account, AuthKeeper, FEE_COLLECTOR } from "./modules/auth.js";
export { BankKeeper } from "./modules/bank.js";
export { IbcModule } from "./modules/ibc/module.js";
export { NodeEndpoint, type NodeEndpointOptions, openNodeEndpoint, type OpenEndpointOptions } from "./ibc_endpoint.js";
export { portIdForContract, WasmKeeper } from "./modules/wasm/keeper.js";
export { ContractAbortError, WasmRelay } from "./modules/wasm/relay.js";
export type {
  ContractCaller,
  ContractMsgEncoder,
  ContractMsgHandler,
  DispatchResult,
} from "./modules/wasm/messenger.js";
export { WasmModule } from "./modules/wasm/module.js";
export { type ContractQueryHandler, UnsupportedQuery } from "./modules/wasm/querier.js";
export { NodeQueries } from "./query.js";
export { defineRoute, type MsgResponse, type MsgResult, type MsgRoute, MsgRouter, type RoutedMsg } from "./router.js";
export { formatTime, parseTime } from "./time.js";
export type { TxResult } from "./tx/result.js";
export { signTx, type SignerData, type UnsignedTx } from "./tx/signing.js";
