import type { Vm } from "../../../vm/vm.js";
import type { AddressCodec } from "../../address.js";
import { fromWire, type WireCoin } from "../../coins.js";
import { wasmErrors } from "../../errors.js";
import type { Module } from "../../module.js";
import type { MsgRoute, MsgRouter } from "../../router.js";
import type { AuthKeeper } from "../auth.js";
import type { BankKeeper } from "../bank.js";
import { WasmKeeper } from "./keeper.js";
import { WasmRelay } from "./relay.js";
import {
  anyEncoder,
  bankEncoder,
  type ContractMsgHandler,
  Messenger,
  singleVariant,
  unsupportedVariant,
  wasmEncoder,
} from "./messenger.js";
import { wasmRoutes } from "./msg_server.js";
import { QueryPlugins } from "./querier.js";
import { bankQueries, unsupportedQuery, wasmQueries } from "./query_plugins.js";

/**
 * x/wasm wired into the node: the keeper, the messenger that turns contract messages into module messages, and the
 * query plugins contracts reach through `query_chain`. Other modules extend both by variant name
 * (`messenger.register("ibc", …)`, `queries.register("ibc", …)`).
 */
export class WasmModule implements Module {
  readonly name = "wasm";
  readonly keeper: WasmKeeper;
  /** Contract entry points for the IBC module (wasmd's relay.go). */
  readonly relay: WasmRelay;
  readonly messenger: Messenger;
  readonly queries = new QueryPlugins();

  constructor(
    vm: Vm,
    private readonly addresses: AddressCodec,
    auth: AuthKeeper,
    bank: BankKeeper,
    router: MsgRouter,
  ) {
    this.messenger = new Messenger(router);
    this.keeper = new WasmKeeper({ vm, addresses, auth, bank, messenger: this.messenger, queries: this.queries });
    this.relay = new WasmRelay(this.keeper);

    const sendEncoder = bankEncoder(router);
    this.messenger.register("bank", (ctx, caller, body) => {
      const [variant, inner] = singleVariant(body);
      if (variant === "burn") return burn(bank)(ctx, caller, inner);
      return this.messenger.dispatchSdkMsgs(ctx, caller, sendEncoder(ctx, caller, body));
    });
    this.messenger.registerEncoder("wasm", wasmEncoder(router));
    this.messenger.registerEncoder("any", anyEncoder(router));
    this.messenger.registerEncoder("stargate", anyEncoder(router));
    // "ibc" is the IBC module's (it registers its handler and query plugin when the app wires it in).
    for (const variant of ["custom", "staking", "distribution", "gov", "ibc", "ibc2"]) {
      this.messenger.register(variant, unsupportedVariant(variant));
    }

    this.queries.register("bank", bankQueries(bank, addresses));
    this.queries.register("wasm", wasmQueries(this.keeper, addresses));
    for (const variant of ["custom", "staking", "distribution", "ibc"])
      this.queries.register(variant, unsupportedQuery(variant));
    this.queries.register("stargate", unsupportedQuery("Stargate queries are disabled"));
    this.queries.register("grpc", unsupportedQuery("gRPC queries are disabled"));
  }

  routes(): MsgRoute<unknown>[] {
    return wasmRoutes(this.keeper, this.addresses);
  }
}

/** `{"bank": {"burn": {amount}}}`: the contract destroys its own coins (wasmd's BurnCoinMessageHandler). */
function burn(bank: BankKeeper): ContractMsgHandler {
  return (ctx, caller, body) => {
    const amount = (body as { amount?: WireCoin[] } | null)?.amount ?? [];
    const coins = fromWire(amount);
    if (coins.length === 0) throw wasmErrors.empty.wrap("amount");
    bank.burn(ctx, caller.address, coins);
    return { events: [], data: [], msgResponses: [] };
  };
}
