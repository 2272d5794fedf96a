import type { Command } from "commander";
import { verifyChain } from "../node/block/verify.js";
import { print, withNode, withNodeOptions } from "./node_common.js";

/**
 * `plurigrid verify --home DIR [--replay]`: checks the header chain from the genesis with the node's public key
 * (heights, links, times, signatures, txs and results hashes); with --replay, executes every block again and
 * requires the same headers, which checks the state itself.
 */
export function registerVerify(program: Command, setExit: (code: number) => void): void {
  withNodeOptions(program.command("verify"))
    .description("verify the node's header chain from genesis with its public key")
    .option("--replay", "also execute every block again and compare app hashes")
    .action(async (opts: { home: string; json?: boolean; replay?: boolean }) => {
      await withNode(opts, ({ chain }) => {
        const report = verifyChain(chain, { replay: opts.replay });
        print(
          opts,
          {
            valid: true,
            height: report.height,
            app_hash: report.appHash,
            block_hash: report.blockHash,
            replayed: report.replayed,
          },
          `chain ${chain.genesis.chain_id} verified: ${report.height} block(s) from genesis, ` +
            `signed by ${chain.genesis.node_pubkey.value}${report.replayed ? ", state replayed" : ""}\n` +
            `  app hash:   ${report.appHash}\n  block hash: ${report.blockHash}`,
        );
      });
      setExit(0);
    });
}
