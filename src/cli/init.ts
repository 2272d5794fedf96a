import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { initHome } from "../node/home.js";
import { msToNs } from "../node/time.js";
import { CliUsageError, print, readStdin, withNodeOptions } from "./node_common.js";

/**
 * `plurigrid init --home DIR [--chain-id ID] [--denom D] [--supply N] [--prefix P] [--recover]`: creates the node's
 * ed25519 key, an `operator` account key (new, or recovered from a mnemonic on stdin), a genesis funding the
 * operator with the supply, and the store at height 0. The mnemonic of a new operator key is shown once.
 */
export function registerInit(program: Command, setExit: (code: number) => void): void {
  withNodeOptions(program.command("init"))
    .description("create a node: node key, operator account, genesis and store")
    .option("--chain-id <id>", "the chain id", "plurigrid-1")
    .option("--denom <denom>", "the native denom", "ugrid")
    .option("--supply <amount>", "coins of the native denom given to the operator at genesis", "1000000000000")
    .option("--prefix <prefix>", "bech32 prefix of account addresses", "grid")
    .option("--recover", "read the operator's mnemonic from stdin instead of creating a new one")
    .action(
      async (opts: {
        home: string;
        json?: boolean;
        chainId: string;
        denom: string;
        supply: string;
        prefix: string;
        recover?: boolean;
      }) => {
        if (!/^[0-9]+$/.test(opts.supply))
          throw new CliUsageError(`--supply must be an integer amount, got ${opts.supply}`);
        const operator = opts.recover ? { mnemonic: await readStdin() } : { entropy: randomBytes(32) };
        const outcome = await initHome(opts.home, {
          chainId: opts.chainId,
          denom: opts.denom,
          supply: BigInt(opts.supply),
          prefix: opts.prefix,
          genesisTimeNs: msToNs(Date.now()),
          nodeKeySecret: randomBytes(32),
          operator,
        });
        const document = {
          home: outcome.home,
          chain_id: outcome.genesis.chain_id,
          genesis_time: outcome.genesis.genesis_time,
          node_pubkey: outcome.genesis.node_pubkey.value,
          denom: opts.denom,
          supply: opts.supply,
          operator: {
            name: "operator",
            address: outcome.operator.address,
            mnemonic: opts.recover ? undefined : outcome.operator.mnemonic,
          },
        };
        const text = [
          `Initialized node ${outcome.genesis.chain_id} in ${outcome.home}`,
          `  node public key: ${outcome.genesis.node_pubkey.value}`,
          `  operator:        ${outcome.operator.address} (${opts.supply}${opts.denom})`,
          ...(opts.recover
            ? []
            : [
                "",
                "**Important** write this mnemonic phrase in a safe place.",
                "It is the only way to recover the operator account.",
                "",
                outcome.operator.mnemonic,
              ]),
        ].join("\n");
        print(opts, document, text);
        setExit(0);
      },
    );
}
