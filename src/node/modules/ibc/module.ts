import { IbcCallbacksMiddleware } from "../../../ibc/apps/callbacks/middleware.js";
import { TransferModule } from "../../../ibc/apps/transfer/module.js";
import { IbcCore } from "../../../ibc/core.js";
import { PortRouter } from "../../../ibc/port/router.js";
import type { KvStore } from "../../../store/kv.js";
import type { AddressCodec } from "../../address.js";
import type { IndexedBlock, Module } from "../../module.js";
import type { MsgRoute, MsgRouter } from "../../router.js";
import type { BankKeeper } from "../bank.js";
import type { WasmModule } from "../wasm/module.js";
import { ContractCallbacks, DEFAULT_MAX_IBC_CALLBACK_GAS } from "./callbacks.js";
import { ContractIbcModule } from "./contract_module.js";
import { contractIbcMessages } from "./contract_msgs.js";
import { contractIbcQueries } from "./contract_queries.js";
import { WASM_PORT_PREFIX } from "./convert.js";
import { indexPacketEvents } from "./packet_index.js";
import { ibcRoutes, transferRoute } from "./routes.js";
import { NodeTransferBank } from "./transfer_bank.js";

/** Where the node keeps IBC state (ICS-24 paths) and ICS-20's denom traces and escrow totals. */
export const IBC_NAMESPACE = "ibc/";
export const TRANSFER_NAMESPACE = "transfer/";

/**
 * IBC wired into the node (ibc-go's core and transfer modules, and wasmd's IBC handler): ibc-go's messages and
 * ICS-20's MsgTransfer as routes of the tx pipeline; ports `transfer` (ICS-20 over the node's bank, inside ibc-go's
 * callbacks middleware with contracts as its callback actors, as wasmd's app wires its transfer stack) and `wasm.*`
 * (every IBC-enabled contract, through its entry points); contracts' `{"ibc": …}` messages and queries; and an index
 * of sent packets and written acknowledgements for relayers.
 *
 * The state machine needs no key: proofs of this node's state are signed outside blocks, by the node's endpoint
 * (src/node/ibc_endpoint.ts), with the node key.
 */
export class IbcModule implements Module {
  readonly name = "ibc";
  readonly router = new PortRouter();
  readonly core: IbcCore;
  readonly transfer: TransferModule;
  readonly contracts: ContractIbcModule;

  constructor(
    private readonly addresses: AddressCodec,
    bank: BankKeeper,
    wasm: WasmModule,
    msgRouter: MsgRouter,
  ) {
    this.core = new IbcCore({ router: this.router, addressPrefix: addresses.prefix, namespace: IBC_NAMESPACE });
    const contractCallbacks = new ContractCallbacks(wasm.relay, addresses, "transfer");
    const callbacks = new IbcCallbacksMiddleware({
      ics4: this.core,
      contractKeeper: contractCallbacks,
      gas: contractCallbacks,
      maxCallbackGas: DEFAULT_MAX_IBC_CALLBACK_GAS,
    });
    this.transfer = new TransferModule({
      ics4: callbacks,
      bank: new NodeTransferBank(bank),
      addressPrefix: addresses.prefix,
      namespace: TRANSFER_NAMESPACE,
    });
    this.contracts = new ContractIbcModule(wasm.keeper, wasm.relay);
    callbacks.setUnderlyingApplication(this.transfer);
    this.router.addRoute(this.transfer.portId, callbacks);
    this.router.addPrefixRoute(WASM_PORT_PREFIX, this.contracts);
    wasm.messenger.register("ibc", contractIbcMessages(this.core, msgRouter, wasm.messenger));
    wasm.queries.register("ibc", contractIbcQueries(this.core, wasm.keeper));
  }

  routes(): MsgRoute<unknown>[] {
    return [...ibcRoutes(this.core, this.addresses), transferRoute(this.core, this.transfer, this.addresses)];
  }

  indexBlock(index: KvStore, block: IndexedBlock): void {
    indexPacketEvents(index, block.txEvents);
  }
}
