import { readFileSync } from "node:fs";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import {
  MsgClearAdmin,
  MsgExecuteContract,
  MsgInstantiateContract,
  MsgInstantiateContract2,
  MsgMigrateContract,
  MsgStoreCode,
  MsgUpdateAdmin,
} from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { MsgTransfer } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import type { Command } from "commander";
import { type Coin, parseCoins, toWire } from "../node/coins.js";
import { type BroadcastOutcome, TxClient } from "../node/client.js";
import { findAttribute } from "../node/events.js";
import type { Keyring } from "../node/keyring.js";
import { msToNs } from "../node/time.js";
import { CliUsageError, print, renderEvents, withNode, withNodeOptions } from "./node_common.js";

interface TxOptions {
  home: string;
  json?: boolean;
  from: string;
  gas: string;
  gasAdjustment: string;
  fees?: string;
  memo?: string;
}

/** What a tx command contributes: its messages, built once the signer's address is known. */
type MessagesFor = (sender: string, keyring: Keyring) => Any[];

/**
 * `plurigrid tx bank|wasm|ibc-transfer …`: signs with a keyring key (`--from`, default `operator`), estimates gas by simulation
 * (`--gas auto`, the default) or takes `--gas N`, and executes the tx as its own block. Exit status 0 when the tx
 * succeeded, 1 when it is in the block but failed, 2 when it was rejected before reaching a block.
 */
export function registerTx(program: Command, setExit: (code: number) => void): void {
  const tx = program.command("tx").description("sign a transaction and execute it as the next block");
  const bank = tx.command("bank").description("bank transactions");
  const wasm = tx.command("wasm").description("wasm transactions");

  const txCommand = (parent: Command, name: string) =>
    withNodeOptions(parent.command(name))
      .option("--from <key>", "the key (name or address) that signs", "operator")
      .option("--gas <limit>", 'gas limit, or "auto" to estimate by simulation', "auto")
      .option("--gas-adjustment <factor>", "multiplier of the simulated gas with --gas auto", "1.3")
      .option("--fees <coins>", "fees to pay, e.g. 100ugrid")
      .option("--memo <text>", "a note stored with the tx");

  const run = async (opts: TxOptions, messages: MessagesFor) => {
    await withNode(opts, async ({ chain }, home) => {
      const keyring = home.keyring(chain.genesis);
      const key = keyring.resolve(opts.from);
      const privateKey = await keyring.privateKey(key.name);
      const client = new TxClient(chain, home.readNodeKey());
      const gas = opts.gas === "auto" ? "auto" : parsePositive(opts.gas, "--gas");
      const clock = msToNs(Date.now());
      const signed = client.sign(
        {
          messages: messages(key.address, keyring),
          memo: opts.memo,
          fee: opts.fees ? parseCoins(opts.fees) : [],
          gas,
          gasAdjustment: Number(opts.gasAdjustment),
        },
        privateKey,
        key.address,
        clock,
      );
      const outcome = client.broadcast(signed, clock);
      report(opts, outcome);
      setExit(outcome.result.code === 0 ? 0 : 1);
    });
  };

  txCommand(bank, "send")
    .description("send coins")
    .argument("<from>", "key name or address that sends (and signs)")
    .argument("<to>", "recipient address")
    .argument("<coins>", "e.g. 1000ugrid")
    .action(async (from: string, to: string, coins: string, opts: TxOptions) => {
      await run({ ...opts, from }, (sender) => [
        any(MsgSend, { fromAddress: sender, toAddress: to, amount: toWire(parseCoins(coins)) }),
      ]);
    });

  const ibcTransfer = tx.command("ibc-transfer").description("ICS-20 token transfers to another node");
  txCommand(ibcTransfer, "transfer")
    .description("send tokens over an IBC channel (ICS-20 MsgTransfer)")
    .argument("<src-port>", "the port the tokens leave through (transfer)")
    .argument("<src-channel>", "the channel on this node, e.g. channel-0")
    .argument("<receiver>", "the receiver's address on the other node")
    .argument("<coins>", "one coin, e.g. 1000ugrid or 5ibc/27A6…")
    .option(
      "--packet-timeout-height <revision-height>",
      "absolute timeout height on the other node, REVISION-HEIGHT (e.g. 1-1000)",
    )
    .option("--packet-timeout-timestamp <ns>", "absolute timeout on the other node's clock, ns since the epoch")
    .option("--timeout-seconds <s>", "timeout this many seconds from now (default 600 when no other timeout is given)")
    .option("--packet-memo <text>", "the memo carried by the packet (the tx memo is --memo)")
    .action(
      async (port: string, channel: string, receiver: string, coins: string, opts: TxOptions & TransferOptions) => {
        const token = singleCoin(coins);
        const timeouts = transferTimeouts(opts, msToNs(Date.now()));
        await run(opts, (sender) => [
          any(MsgTransfer, {
            sourcePort: port,
            sourceChannel: channel,
            token: { denom: token.denom, amount: token.amount.toString() },
            sender,
            receiver,
            timeoutHeight: timeouts.height,
            timeoutTimestamp: timeouts.timestamp,
            memo: opts.packetMemo ?? "",
          }),
        ]);
      },
    );

  txCommand(wasm, "store")
    .description("upload a wasm contract")
    .argument("<file>", "the .wasm file")
    .action(async (file: string, opts: TxOptions) => {
      let wasmByteCode: Uint8Array;
      try {
        wasmByteCode = readFileSync(file);
      } catch (err) {
        throw new CliUsageError(`cannot read ${file}: ${(err as Error).message}`, { file });
      }
      await run(opts, (sender) => [any(MsgStoreCode, { sender, wasmByteCode })]);
    });

  const instantiateOptions = (command: Command) =>
    command
      .requiredOption("--label <label>", "a human-readable name for the contract")
      .option("--admin <address>", "the address that may migrate the contract")
      .option("--no-admin", "no admin: the contract can never be migrated")
      .option("--amount <coins>", "coins to send to the contract");

  instantiateOptions(txCommand(wasm, "instantiate"))
    .description("instantiate a stored code")
    .argument("<code_id>", "the code id")
    .argument("<msg>", "the instantiate message (JSON)")
    .action(async (codeId: string, msg: string, opts: TxOptions & InstantiateOptions) => {
      await run(opts, (sender, keyring) => [
        any(MsgInstantiateContract, {
          sender,
          codeId: parseCodeId(codeId),
          label: opts.label,
          admin: admin(opts, keyring),
          msg: jsonMsg(msg),
          funds: toWire(amount(opts.amount)),
        }),
      ]);
    });

  instantiateOptions(txCommand(wasm, "instantiate2"))
    .description("instantiate a stored code at a predictable address")
    .argument("<code_id>", "the code id")
    .argument("<msg>", "the instantiate message (JSON)")
    .argument("<salt>", "the salt (text; --hex or --b64 for other encodings)")
    .option("--hex", "the salt is hex")
    .option("--b64", "the salt is base64")
    .option("--fix-msg", "include the message in the address derivation")
    .action(async (codeId: string, msg: string, salt: string, opts: TxOptions & InstantiateOptions & SaltOptions) => {
      await run(opts, (sender, keyring) => [
        any(MsgInstantiateContract2, {
          sender,
          codeId: parseCodeId(codeId),
          label: opts.label,
          admin: admin(opts, keyring),
          msg: jsonMsg(msg),
          funds: toWire(amount(opts.amount)),
          salt: saltBytes(salt, opts),
          fixMsg: opts.fixMsg ?? false,
        }),
      ]);
    });

  txCommand(wasm, "execute")
    .description("execute a contract")
    .argument("<contract>", "the contract address")
    .argument("<msg>", "the execute message (JSON)")
    .option("--amount <coins>", "coins to send to the contract")
    .action(async (contract: string, msg: string, opts: TxOptions & { amount?: string }) => {
      await run(opts, (sender) => [
        any(MsgExecuteContract, { sender, contract, msg: jsonMsg(msg), funds: toWire(amount(opts.amount)) }),
      ]);
    });

  txCommand(wasm, "migrate")
    .description("migrate a contract to another code (admin only)")
    .argument("<contract>", "the contract address")
    .argument("<code_id>", "the new code id")
    .argument("<msg>", "the migrate message (JSON)")
    .action(async (contract: string, codeId: string, msg: string, opts: TxOptions) => {
      await run(opts, (sender) => [
        any(MsgMigrateContract, { sender, contract, codeId: parseCodeId(codeId), msg: jsonMsg(msg) }),
      ]);
    });

  txCommand(wasm, "set-contract-admin")
    .description("give a contract a new admin (admin only)")
    .argument("<contract>", "the contract address")
    .argument("<new_admin>", "the new admin's address")
    .action(async (contract: string, newAdmin: string, opts: TxOptions) => {
      await run(opts, (sender) => [any(MsgUpdateAdmin, { sender, contract, newAdmin })]);
    });

  txCommand(wasm, "clear-contract-admin")
    .description("remove a contract's admin for good (admin only)")
    .argument("<contract>", "the contract address")
    .action(async (contract: string, opts: TxOptions) => {
      await run(opts, (sender) => [any(MsgClearAdmin, { sender, contract })]);
    });
}

interface TransferOptions {
  packetTimeoutHeight?: string;
  packetTimeoutTimestamp?: string;
  timeoutSeconds?: string;
  packetMemo?: string;
}

/** ibc-go's default relative timeout: ten minutes. */
const DEFAULT_TIMEOUT_SECONDS = 600n;

/**
 * The packet's timeouts. Heights are absolute on the other node, "REVISION-HEIGHT" like ibc-go's flag (a bare height
 * would need the other chain's revision, which this node cannot know). A timestamp is absolute, or relative to this
 * machine's clock with --timeout-seconds; without any timeout the packet times out in ten minutes.
 */
function transferTimeouts(
  opts: TransferOptions,
  nowNs: bigint,
): { height: { revisionNumber: bigint; revisionHeight: bigint }; timestamp: bigint } {
  if (opts.packetTimeoutTimestamp !== undefined && opts.timeoutSeconds !== undefined) {
    throw new CliUsageError("--packet-timeout-timestamp and --timeout-seconds exclude each other");
  }
  let height = { revisionNumber: 0n, revisionHeight: 0n };
  if (opts.packetTimeoutHeight !== undefined) {
    const m = /^([0-9]+)-([0-9]+)$/.exec(opts.packetTimeoutHeight);
    if (!m) {
      throw new CliUsageError(
        `--packet-timeout-height must be REVISION-HEIGHT (e.g. 1-1000: the other node's revision comes from its chain id), got ${JSON.stringify(opts.packetTimeoutHeight)}`,
      );
    }
    height = { revisionNumber: BigInt(m[1]), revisionHeight: BigInt(m[2]) };
  }
  let timestamp = 0n;
  if (opts.packetTimeoutTimestamp !== undefined) {
    if (!/^[0-9]+$/.test(opts.packetTimeoutTimestamp)) {
      throw new CliUsageError(`--packet-timeout-timestamp must be nanoseconds, got ${opts.packetTimeoutTimestamp}`);
    }
    timestamp = BigInt(opts.packetTimeoutTimestamp);
  } else if (opts.timeoutSeconds !== undefined) {
    if (!/^[1-9][0-9]*$/.test(opts.timeoutSeconds)) {
      throw new CliUsageError(`--timeout-seconds must be a positive integer, got ${opts.timeoutSeconds}`);
    }
    timestamp = nowNs + BigInt(opts.timeoutSeconds) * 1_000_000_000n;
  } else if (opts.packetTimeoutHeight === undefined) {
    timestamp = nowNs + DEFAULT_TIMEOUT_SECONDS * 1_000_000_000n;
  }
  if (timestamp === 0n && height.revisionNumber === 0n && height.revisionHeight === 0n) {
    throw new CliUsageError("a packet needs a timeout: give a non-zero height or timestamp");
  }
  return { height, timestamp };
}

function singleCoin(text: string): Coin {
  const coins = parseCoins(text);
  if (coins.length !== 1)
    throw new CliUsageError(`an ICS-20 transfer carries exactly one coin, got ${JSON.stringify(text)}`);
  return coins[0];
}

interface InstantiateOptions {
  label: string;
  /** commander: a string with --admin, false with --no-admin, undefined when neither was given. */
  admin?: string | boolean;
  amount?: string;
}

interface SaltOptions {
  hex?: boolean;
  b64?: boolean;
  fixMsg?: boolean;
}

function report(opts: TxOptions, outcome: BroadcastOutcome): void {
  const r = outcome.result;
  const packetSequence = r.code === 0 ? findAttribute(r.events, "send_packet", "packet_sequence") : undefined;
  const document = {
    height: r.height,
    txhash: r.hash,
    code: r.code,
    codespace: r.codespace,
    raw_log: r.log,
    gas_wanted: r.gasWanted,
    gas_used: r.gasUsed,
    ...(outcome.codeId ? { code_id: outcome.codeId, checksum: outcome.checksum } : {}),
    ...(outcome.contractAddress ? { contract_address: outcome.contractAddress } : {}),
    ...(packetSequence !== undefined ? { packet_sequence: packetSequence } : {}),
    events: r.events,
  };
  const lines = [
    `txhash: ${r.hash}`,
    `height: ${r.height}`,
    r.code === 0 ? "code: 0 (success)" : `code: ${r.code} (${r.codespace})`,
    ...(r.code === 0 ? [] : [`error: ${r.log}`]),
    `gas: ${r.gasUsed} used of ${r.gasWanted}`,
    ...(outcome.codeId ? [`code id: ${outcome.codeId}`, `checksum: ${outcome.checksum}`] : []),
    ...(outcome.contractAddress ? [`contract address: ${outcome.contractAddress}`] : []),
    ...(packetSequence !== undefined ? [`packet sequence: ${packetSequence}`] : []),
    "events:",
    renderEvents(r.events),
  ];
  print(opts, document, lines.join("\n"));
  if (r.code !== 0) process.stderr.write(`error: tx ${r.hash} failed in block ${r.height}: ${r.log}\n`);
}

function any<T>(
  type: { typeUrl: string; fromPartial(o: object): T; encode(m: T): { finish(): Uint8Array } },
  fields: object,
): Any {
  return { typeUrl: type.typeUrl, value: type.encode(type.fromPartial(fields)).finish() };
}

function jsonMsg(text: string): Uint8Array {
  try {
    JSON.parse(text);
  } catch (err) {
    throw new CliUsageError(`the message is not valid JSON: ${(err as Error).message}`);
  }
  return new TextEncoder().encode(text);
}

function amount(text: string | undefined): Coin[] {
  return text ? parseCoins(text) : [];
}

function parseCodeId(text: string): bigint {
  if (!/^[1-9][0-9]*$/.test(text))
    throw new CliUsageError(`code id must be a positive integer, got ${JSON.stringify(text)}`);
  return BigInt(text);
}

function parsePositive(text: string, what: string): number {
  if (!/^[1-9][0-9]*$/.test(text))
    throw new CliUsageError(`${what} must be a positive integer or "auto", got ${JSON.stringify(text)}`);
  return Number(text);
}

/** wasmd requires an explicit choice: --admin ADDRESS or --no-admin. A key name is accepted for the address. */
function admin(opts: InstantiateOptions, keyring: Keyring): string {
  if (opts.admin === false) return "";
  if (typeof opts.admin !== "string") {
    throw new CliUsageError("neither --admin nor --no-admin was given: choose who may migrate the contract");
  }
  return keyring.has(opts.admin) ? keyring.show(opts.admin).address : opts.admin;
}

function saltBytes(salt: string, opts: SaltOptions): Uint8Array {
  if (opts.hex && opts.b64) throw new CliUsageError("--hex and --b64 exclude each other");
  if (opts.hex) {
    if (!/^([0-9a-fA-F]{2})+$/.test(salt)) throw new CliUsageError(`salt is not hex: ${salt}`);
    return Buffer.from(salt, "hex");
  }
  if (opts.b64) return Buffer.from(salt, "base64");
  return new TextEncoder().encode(salt);
}
