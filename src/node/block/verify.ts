import { MemoryKv } from "../../store/memory.js";
import type { Vm } from "../../vm/vm.js";
import { Chain } from "../chain.js";
import { NodeError } from "../errors.js";
import { genesisHash, genesisTimeNs } from "../genesis.js";
import { parseTime } from "../time.js";
import { txResultsHash, txsHash } from "../tx/result.js";
import { headerHash, hex } from "./header.js";
import { verifyHeaderSignature } from "./node_key.js";

export interface VerifyReport {
  height: number;
  appHash: string;
  blockHash: string;
  /** True when every block was executed again from genesis and produced the same headers. */
  replayed: boolean;
}

/**
 * Verifies a chain from its genesis with nothing but the genesis document: every header is at the next height, on
 * this chain, later than its parent, linked to its parent's hash (block 1 to the genesis hash), signed by the node
 * key named in the genesis, and its txs and results hash to what it commits to; the head agrees with the last header.
 *
 * With `replay`, every block is also executed again on a fresh in-memory chain, which must reproduce each header
 * exactly: that checks the app hashes, i.e. the state itself. Failures are NodeErrors `node.verify_failed` naming
 * the height.
 */
export function verifyChain(chain: Chain, options: { replay?: boolean; vm?: Vm } = {}): VerifyReport {
  const genesis = chain.genesis;
  const publicKey = Buffer.from(genesis.node_pubkey.value, "base64");
  const head = chain.head();
  const fail = (height: number, problem: string): never => {
    throw new NodeError("node.verify_failed", `block ${height}: ${problem}`, { height });
  };

  const replay = options.replay ? new Chain(new MemoryKv(), genesis, { vm: options.vm ?? chain.app.vm }) : undefined;
  replay?.initGenesis();

  let previousHash = genesisHash(genesis);
  let previousTime = genesisTimeNs(genesis);
  for (let height = 1; height <= head.height; height++) {
    const signed = chain.header(height);
    if (!signed) fail(height, "header is missing");
    const { header } = signed!;
    if (header.height !== height) fail(height, `header says height ${header.height}`);
    if (header.chain_id !== genesis.chain_id) fail(height, `chain id ${header.chain_id} is not ${genesis.chain_id}`);
    if (header.last_block_hash !== hex(previousHash)) fail(height, "does not link to the previous header");
    const time = parseTime(header.time);
    if (height === 1 ? time < previousTime : time <= previousTime)
      fail(height, `time ${header.time} is not after its parent`);
    const hash = headerHash(header);
    if (signed!.hash !== hex(hash)) fail(height, "stored hash is not the header's hash");
    if (!verifyHeaderSignature(publicKey, hash, Buffer.from(signed!.signature, "base64"))) {
      fail(height, "signature is not the node key's");
    }
    const txs = chain.blockTxs(height);
    if (header.txs_hash !== hex(txsHash(txs))) fail(height, "txs do not match txs_hash");
    if (header.tx_results_hash !== hex(txResultsHash(chain.blockResults(height)))) {
      fail(height, "tx results do not match tx_results_hash");
    }
    if (replay) {
      const pending = replay.execute(txs, time);
      if (hex(pending.hash) !== signed!.hash) {
        fail(height, `executing the block again gives app hash ${pending.header.app_hash}, not ${header.app_hash}`);
      }
      replay.commit(pending, Buffer.from(signed!.signature, "base64"));
    }
    previousHash = hash;
    previousTime = time;
  }
  if (hex(head.blockHash) !== hex(previousHash)) fail(head.height, "the head does not point at the last header");
  if (replay && hex(replay.head().appHash) !== hex(head.appHash)) {
    fail(head.height, "executing the chain again gives a different state");
  }
  const lastAppHash = head.height === 0 ? undefined : chain.header(head.height)!.header.app_hash;
  if (lastAppHash !== undefined && lastAppHash !== hex(head.appHash)) fail(head.height, "the head's app hash differs");
  return {
    height: head.height,
    appHash: hex(head.appHash),
    blockHash: hex(head.blockHash),
    replayed: replay !== undefined,
  };
}
