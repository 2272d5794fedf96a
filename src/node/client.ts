import type { Any } from "cosmjs-types/google/protobuf/any";
import type { NodeKey } from "./block/node_key.js";
import type { Chain, CommittedBlock } from "./chain.js";
import type { Coin } from "./coins.js";
import { NodeError } from "./errors.js";
import { findAttribute } from "./events.js";
import { MAX_TX_GAS } from "./tx/ante.js";
import type { TxResult } from "./tx/result.js";
import { signTx } from "./tx/signing.js";

/** A tx the node refused before it reached a block (CheckTx failed) or whose simulation failed (gas estimate). */
export class TxRejectedError extends NodeError {
  constructor(
    readonly stage: "check" | "simulate",
    readonly result: TxResult,
  ) {
    super(
      "node.tx_rejected",
      stage === "check"
        ? `tx rejected: ${result.log} (${result.codespace}/${result.code})`
        : `gas estimation failed: ${result.log} (${result.codespace}/${result.code})`,
      { stage, codespace: result.codespace, code: result.code, log: result.log },
    );
  }
}

export interface TxRequest {
  messages: Any[];
  memo?: string;
  fee?: Coin[];
  /** A gas limit, or "auto": simulate and multiply by `gasAdjustment`. */
  gas: number | "auto";
  gasAdjustment?: number;
}

export interface BroadcastOutcome {
  result: TxResult;
  block: CommittedBlock;
  /** What the tx created, read from its events. */
  codeId?: string;
  checksum?: string;
  contractAddress?: string;
}

/** The block time for a tx submitted at `clockNs` (the caller's clock): never before the head's time. */
export function blockTimeFor(chain: Chain, clockNs: bigint): bigint {
  const head = chain.head().timeNs;
  return clockNs > head ? clockNs : head + 1n;
}

/**
 * Local-mode tx submission, the way `wasmd tx …` works against a node, but in process: look up the signer's account
 * number and sequence, estimate gas by simulation, sign, run CheckTx, then execute the tx as its own block. A tx that
 * fails CheckTx or simulation never reaches a block; one that fails while executing is in the block with its error.
 */
export class TxClient {
  constructor(
    readonly chain: Chain,
    readonly nodeKey: NodeKey,
  ) {}

  /** `publicKey`: the signer's compressed public key if known (else derived from `privateKey`). */
  sign(
    request: TxRequest,
    privateKey: Uint8Array,
    address: string,
    clockNs: bigint,
    publicKey?: Uint8Array,
  ): Uint8Array {
    const account = this.chain.app.auth.getAccount(this.chain.queryContext(), address);
    if (!account) {
      throw new NodeError(
        "node.account_not_found",
        `account ${address} does not exist on this chain (send it some coins first)`,
        {
          address,
        },
      );
    }
    const signer = {
      privateKey,
      publicKey,
      chainId: this.chain.genesis.chain_id,
      accountNumber: account.accountNumber,
      sequence: account.sequence,
    };
    let gasLimit: number;
    if (request.gas === "auto") {
      const probe = signTx({ ...request, gasLimit: BigInt(MAX_TX_GAS) }, signer);
      const simulated = this.chain.simulateTx(probe, blockTimeFor(this.chain, clockNs));
      if (simulated.code !== 0) throw new TxRejectedError("simulate", simulated);
      gasLimit = Math.min(MAX_TX_GAS, Math.ceil(simulated.gasUsed * (request.gasAdjustment ?? 1.3)));
    } else {
      gasLimit = request.gas;
    }
    return signTx({ ...request, gasLimit: BigInt(gasLimit) }, signer);
  }

  /** CheckTx, then a block holding just this tx. */
  broadcast(tx: Uint8Array, clockNs: bigint): BroadcastOutcome {
    const time = blockTimeFor(this.chain, clockNs);
    const checked = this.chain.checkTx(tx, time);
    if (checked.code !== 0) throw new TxRejectedError("check", checked);
    const block = this.chain.produceBlock([tx], time, this.nodeKey);
    const result = block.results[0];
    return {
      result,
      block,
      codeId: findAttribute(result.events, "store_code", "code_id"),
      checksum: findAttribute(result.events, "store_code", "code_checksum"),
      contractAddress: findAttribute(result.events, "instantiate", "_contract_address"),
    };
  }
}
