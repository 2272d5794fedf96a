import type { IbcContext } from "../../context.js";

/**
 * What ICS-20 needs from a bank; the node's bank module implements it. Every call gets the context the transfer
 * runs in, so the bank writes to the same cache branch: when a receive ends in an error acknowledgement, or a
 * message fails, the bank's writes are dropped with the rest. Each method throws a PlurigridError when it cannot do
 * what it is asked (e.g. insufficient funds); a numeric `abciCode` on it goes into the error acknowledgement (else
 * 1). Any other exception is taken for a bug and fails the whole message.
 */
export interface Coin {
  denom: string;
  amount: bigint;
}

export interface TransferBank {
  send(ctx: IbcContext, from: string, to: string, coins: Coin[]): void;
  /** Creates coins in `to`'s account (vouchers of tokens from another chain). */
  mint(ctx: IbcContext, to: string, coins: Coin[]): void;
  /** Destroys coins held by `from` (vouchers going home). */
  burn(ctx: IbcContext, from: string, coins: Coin[]): void;
  balance(ctx: IbcContext, address: string, denom: string): bigint;
}
