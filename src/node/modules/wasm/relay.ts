import * as calls from "../../../vm/calls.js";
import type { CallResult, Target } from "../../../vm/calls.js";
import type {
  IbcBasicResponse,
  IbcChannelCloseMsg,
  IbcChannelConnectMsg,
  IbcChannelOpenMsg,
  IbcDestinationCallbackMsg,
  IbcPacketAckMsg,
  IbcPacketReceiveMsg,
  IbcPacketTimeoutMsg,
  IbcReceiveResponse,
  IbcSourceCallbackMsg,
} from "../../../vm/types.js";
import type { ExecContext } from "../../context.js";
import { AbciError, wasmErrors } from "../../errors.js";
import { setupContractCost } from "./gas.js";
import type { WasmKeeper } from "./keeper.js";
import type { CodeInfo, ContractInfo } from "./state.js";

/** A VM error in `ibc_packet_receive`: wasmd panics, so the relay tx fails and the packet can be relayed again. */
export class ContractAbortError extends AbciError {
  constructor(cause: AbciError) {
    super(cause.abci, cause.message, cause.context, { cause });
  }
}

/**
 * The contract side of IBC (wasmd's x/wasm/keeper/relay.go): the IBC module calls a contract's entry points through
 * these, in the context (and so the cache branch) of the IBC message it is handling. Each charges the setup cost,
 * runs the call with the context's gas, turns a contract error into a deterministic ErrExecuteFailed (VM errors too,
 * as wasmd does for every entry point but receive), and handles the response's events and submessages.
 */
export class WasmRelay {
  constructor(private readonly keeper: WasmKeeper) {}

  /** OpenInit/OpenTry: the version the contract wants (null keeps the proposed one). */
  ibcChannelOpen(ctx: ExecContext, contract: string, msg: IbcChannelOpenMsg): string | null {
    const { code } = this.ibcInstance(ctx, contract, "ibc-open-channel");
    const answer = this.keeper.call(
      ctx,
      code.codeHash,
      contract,
      wasmErrors.executeFailed,
      (t) => calls.ibcChannelOpen(t, this.keeper.env(ctx, contract), msg),
      wasmErrors.executeFailed,
    );
    return answer?.version ?? null;
  }

  ibcChannelConnect(ctx: ExecContext, contract: string, msg: IbcChannelConnectMsg): void {
    this.ibcBasic(ctx, contract, "ibc-connect-channel", (t) =>
      calls.ibcChannelConnect(t, this.keeper.env(ctx, contract), msg),
    );
  }

  ibcChannelClose(ctx: ExecContext, contract: string, msg: IbcChannelCloseMsg): void {
    this.ibcBasic(ctx, contract, "ibc-close-channel", (t) =>
      calls.ibcChannelClose(t, this.keeper.env(ctx, contract), msg),
    );
  }

  /**
   * A packet for the contract. A contract error is an outcome (`{error}`: the IBC module writes an error ack and
   * drops the callback's state); a VM error throws ContractAbortError (the relay tx must fail as a whole). On
   * success `ack` is the acknowledgement (after replies), or null when the contract acknowledges later.
   */
  ibcPacketReceive(
    ctx: ExecContext,
    contract: string,
    msg: IbcPacketReceiveMsg,
  ): { ok: { ack: Uint8Array | null } } | { error: string } {
    const { info: contractInfo, code } = this.ibcInstance(ctx, contract, "ibc-recv-packet");
    let response: IbcReceiveResponse;
    try {
      response = this.keeper.call(
        ctx,
        code.codeHash,
        contract,
        wasmErrors.executeFailed,
        (t) => calls.ibcPacketReceive(t, this.keeper.env(ctx, contract), msg),
        wasmErrors.vmError,
      );
    } catch (err) {
      if (err instanceof AbciError && err.abci === wasmErrors.executeFailed && err.deterministic) {
        return { error: String(err.context.contractError) };
      }
      if (err instanceof AbciError && err.abci === wasmErrors.vmError) throw new ContractAbortError(err);
      throw err;
    }
    const ack = this.keeper.handleResponse(
      ctx,
      { address: contract, ibcPortId: contractInfo.ibcPortId },
      { ...response, data: response.acknowledgement },
    );
    return { ok: { ack } };
  }

  ibcPacketAck(ctx: ExecContext, contract: string, msg: IbcPacketAckMsg): void {
    this.ibcBasic(ctx, contract, "ibc-ack-packet", (t) => calls.ibcPacketAck(t, this.keeper.env(ctx, contract), msg));
  }

  ibcPacketTimeout(ctx: ExecContext, contract: string, msg: IbcPacketTimeoutMsg): void {
    this.ibcBasic(ctx, contract, "ibc-timeout-packet", (t) =>
      calls.ibcPacketTimeout(t, this.keeper.env(ctx, contract), msg),
    );
  }

  ibcSourceCallback(ctx: ExecContext, contract: string, msg: IbcSourceCallbackMsg): void {
    this.ibcBasic(ctx, contract, "ibc-source-chain-callback", (t) =>
      calls.ibcSourceCallback(t, this.keeper.env(ctx, contract), msg),
    );
  }

  ibcDestinationCallback(ctx: ExecContext, contract: string, msg: IbcDestinationCallbackMsg): void {
    this.ibcBasic(ctx, contract, "ibc-destination-chain-callback", (t) =>
      calls.ibcDestinationCallback(t, this.keeper.env(ctx, contract), msg),
    );
  }

  /** Entry points answering IbcBasicResponse: VM errors are ErrExecuteFailed here (wasmd), then the response. */
  private ibcBasic(
    ctx: ExecContext,
    contract: string,
    what: string,
    run: (t: Target) => CallResult<IbcBasicResponse>,
  ): void {
    const { info: contractInfo, code } = this.ibcInstance(ctx, contract, what);
    const response = this.keeper.call(
      ctx,
      code.codeHash,
      contract,
      wasmErrors.executeFailed,
      run,
      wasmErrors.executeFailed,
    );
    this.keeper.handleResponse(
      ctx,
      { address: contract, ibcPortId: contractInfo.ibcPortId },
      { ...response, data: null },
    );
  }

  private ibcInstance(ctx: ExecContext, contract: string, what: string): { info: ContractInfo; code: CodeInfo } {
    const instance = this.keeper.contractInstance(ctx, contract);
    ctx.gasMeter.consume(
      setupContractCost(this.keeper.discounted(ctx, instance.code.codeHash), 0),
      `Loading CosmWasm module: ${what}`,
    );
    return instance;
  }
}
