import { Decoder } from "../json/decoder";
import { Coin } from "./coin";
import { Timestamp } from "./timestamp";

/** The block being executed. */
export class BlockInfo {
  constructor(
    readonly height: u64,
    readonly time: Timestamp,
    readonly chainId: string,
  ) {}
}

/** The position of the transaction in the block. */
export class TransactionInfo {
  constructor(readonly index: u32) {}
}

export class ContractInfo {
  constructor(readonly address: string) {}
}

/** What the chain tells every entry point about where it runs (cosmwasm-std Env). */
export class Env {
  constructor(
    readonly block: BlockInfo,
    /** Null outside a transaction (e.g. in begin/end block or a query). */
    readonly transaction: TransactionInfo | null,
    readonly contract: ContractInfo,
  ) {}

  static decode(d: Decoder): Env {
    const block = d.field("block");
    const transaction = d.optionalField("transaction");
    return new Env(
      new BlockInfo(block.u64("height"), block.timestamp("time"), block.string("chain_id")),
      transaction != null ? new TransactionInfo(transaction.u32("index")) : null,
      new ContractInfo(d.field("contract").string("address")),
    );
  }
}

/** Who called `instantiate`/`execute` and the funds they sent along. */
export class MessageInfo {
  constructor(
    readonly sender: string,
    readonly funds: Coin[],
  ) {}

  static decode(d: Decoder): MessageInfo {
    return new MessageInfo(d.string("sender"), Coin.decodeList(d.array("funds")));
  }
}
