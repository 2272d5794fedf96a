import { sha256 } from "../../crypto/index.js";
import { canonicalJson } from "../canonical_json.js";
import type { Event } from "../events.js";

/**
 * The outcome of a tx in a block (CometBFT's ExecTxResult plus where it is): code 0 is success; otherwise codespace
 * and code name the error and `log` says it. Gas, events and data are recorded either way; a failed tx's state
 * changes are not (only the ante handler's fee and sequence, as on any Cosmos chain).
 */
export interface TxResult {
  height: number;
  index: number;
  hash: string;
  code: number;
  codespace: string;
  log: string;
  gasWanted: number;
  gasUsed: number;
  events: Event[];
  /** TxMsgData (the messages' responses), base64. */
  data: string;
}

/** The deterministic part of a result, as hashed into the header (what CometBFT calls the results hash). */
export function resultCommitment(r: TxResult): Uint8Array {
  return sha256(
    new TextEncoder().encode(
      canonicalJson({
        code: r.code,
        codespace: r.codespace,
        log: r.log,
        gas_wanted: r.gasWanted,
        gas_used: r.gasUsed,
        events: r.events,
        data: r.data,
      }),
    ),
  );
}

/** sha256 over the results' commitments in order: the header's tx_results_hash. */
export function txResultsHash(results: readonly TxResult[]): Uint8Array {
  const h = sha256.create();
  for (const r of results) h.update(resultCommitment(r));
  return h.digest();
}

/** sha256 over the txs' own hashes in order: the header's txs_hash. */
export function txsHash(txs: readonly Uint8Array[]): Uint8Array {
  const h = sha256.create();
  for (const tx of txs) h.update(sha256(tx));
  return h.digest();
}
