import type { Command } from "commander";
import type { Chain } from "../node/chain.js";
import type { NodeHome } from "../node/home.js";
import { IbcQueries } from "../node/ibc_queries.js";
import { NodeQueries } from "../node/query.js";
import {
  CliUsageError,
  type NodeOptions,
  parseHeight,
  print,
  renderEvents,
  renderText,
  withNode,
  withNodeOptions,
} from "./node_common.js";

/**
 * `plurigrid query …`: reads of the committed state, blocks and tx results, shaped like wasmd's query output. Exit
 * status 0 on success; a missing contract, tx or block is an error.
 */
export function registerQuery(program: Command, setExit: (code: number) => void): void {
  const query = program.command("query").alias("q").description("query the node's state, blocks and txs");
  const wasm = query.command("wasm").description("contracts and codes");
  const contractState = wasm.command("contract-state").description("a contract's state");
  const bank = query.command("bank").description("balances");
  const auth = query.command("auth").description("accounts");

  const reader = (parent: Command, name: string) => withNodeOptions(parent.command(name));
  const read = async (opts: NodeOptions, body: (q: NodeQueries, chain: Chain, home: NodeHome) => void) => {
    await withNode(opts, ({ chain }, home) => body(new NodeQueries(chain), chain, home));
    setExit(0);
  };
  /** An address, or the name of a key in the home's keyring. */
  const addressOf = (home: NodeHome, chain: Chain, nameOrAddress: string) => {
    if (chain.app.addresses.isValid(nameOrAddress)) return nameOrAddress;
    return home.keyring(chain.genesis).resolve(nameOrAddress).address;
  };

  reader(contractState, "smart")
    .description("call a contract's query entry point")
    .argument("<contract>", "the contract address")
    .argument("<msg>", "the query message (JSON)")
    .action(async (contract: string, msg: string, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.smart(contract, msg)));
    });

  reader(contractState, "raw")
    .description("read one key of a contract's storage")
    .argument("<contract>", "the contract address")
    .argument("<key_hex>", "the key, hex-encoded")
    .action(async (contract: string, key: string, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.raw(contract, key)));
    });

  reader(wasm, "contract")
    .description("a contract's info (code id, creator, admin, label)")
    .argument("<contract>", "the contract address")
    .action(async (contract: string, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.contract(contract)));
    });

  reader(wasm, "contract-history")
    .description("the code history of a contract (instantiation and migrations)")
    .argument("<contract>", "the contract address")
    .action(async (contract: string, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.contractHistory(contract)));
    });

  reader(wasm, "list-code")
    .description("every stored code")
    .action(async (opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.listCode()));
    });

  reader(wasm, "list-contract-by-code")
    .description("the contracts running a code")
    .argument("<code_id>", "the code id")
    .action(async (codeId: string, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.listContractsByCode(BigInt(parseHeight(codeId, "code id")))));
    });

  reader(bank, "balances")
    .description("every balance of an address")
    .argument("<address>", "an address, or the name of a key")
    .action(async (address: string, opts: NodeOptions) => {
      await read(opts, (q, chain, home) => print(opts, q.balances(addressOf(home, chain, address))));
    });

  reader(auth, "account")
    .description("an account's number, sequence and public key")
    .argument("<address>", "an address, or the name of a key")
    .action(async (address: string, opts: NodeOptions) => {
      await read(opts, (q, chain, home) => print(opts, q.account(addressOf(home, chain, address))));
    });

  reader(query, "tx")
    .description("a tx's result by hash")
    .argument("<hash>", "the tx hash (hex)")
    .action(async (hash: string, opts: NodeOptions) => {
      await read(opts, (q) => {
        const tx = q.tx(hash);
        const { events, ...rest } = tx;
        print(opts, tx, `${renderText(rest)}\nevents:\n${renderEvents(events)}`);
      });
    });

  reader(query, "block")
    .description("a block's signed header (the latest without a height)")
    .argument("[height]", "the block height")
    .action(async (height: string | undefined, opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.block(height === undefined ? undefined : parseHeight(height, "height"))));
    });

  const ibc = query.command("ibc").description("IBC channels and packets");
  const readIbc = async (opts: NodeOptions, body: (q: IbcQueries) => void) => {
    await withNode(opts, ({ chain }) => body(new IbcQueries(chain)));
    setExit(0);
  };
  const sequencesOption = (command: Command) =>
    command.requiredOption("--sequences <list>", "the counterparty's sequences to check, e.g. 1,2,3");

  reader(ibc, "channels")
    .description("every channel end of this node")
    .action(async (opts: NodeOptions) => {
      await readIbc(opts, (q) => {
        const answer = q.channels();
        const lines = answer.channels.map(
          (c) =>
            `${c.port_id}/${c.channel_id}  ${c.state}  ${c.ordering}  ${c.version}  ` +
            `counterparty ${c.counterparty.port_id}/${c.counterparty.channel_id || "-"}  via ${c.connection_hops.join(",")}`,
        );
        print(opts, answer, lines.length === 0 ? "no channels" : lines.join("\n"));
      });
    });

  reader(ibc, "channel")
    .description("one channel end")
    .argument("<port>", "the port id")
    .argument("<channel>", "the channel id")
    .action(async (port: string, channel: string, opts: NodeOptions) => {
      await readIbc(opts, (q) => print(opts, q.channel(port, channel)));
    });

  reader(ibc, "packet-commitments")
    .description("packets sent on a channel and not yet acknowledged or timed out")
    .argument("<port>", "the port id")
    .argument("<channel>", "the channel id")
    .action(async (port: string, channel: string, opts: NodeOptions) => {
      await readIbc(opts, (q) => print(opts, q.packetCommitments(port, channel)));
    });

  sequencesOption(
    reader(ibc, "unreceived-packets")
      .description("of the counterparty's packet sequences, those this receiving channel has not received")
      .argument("<port>", "the port id")
      .argument("<channel>", "the channel id"),
  ).action(async (port: string, channel: string, opts: NodeOptions & { sequences: string }) => {
    await readIbc(opts, (q) => print(opts, q.unreceivedPackets(port, channel, parseSequences(opts.sequences))));
  });

  sequencesOption(
    reader(ibc, "unreceived-acks")
      .description("of the sequences the counterparty acknowledged, those still awaiting their ack here")
      .argument("<port>", "the port id")
      .argument("<channel>", "the channel id"),
  ).action(async (port: string, channel: string, opts: NodeOptions & { sequences: string }) => {
    await readIbc(opts, (q) => print(opts, q.unreceivedAcks(port, channel, parseSequences(opts.sequences))));
  });

  reader(query, "status")
    .description("the chain's head: height, time, app hash")
    .action(async (opts: NodeOptions) => {
      await read(opts, (q) => print(opts, q.status()));
    });
}

/** "1,2,3" → [1n, 2n, 3n]. */
function parseSequences(text: string): bigint[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.some((p) => !/^[1-9][0-9]{0,19}$/.test(p))) {
    throw new CliUsageError(`--sequences must be positive integers separated by commas, got ${JSON.stringify(text)}`);
  }
  return parts.map(BigInt);
}
