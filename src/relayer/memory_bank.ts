import { PlurigridError } from "../errors.js";
import { fromUtf8, utf8 } from "../ibc/bytes.js";
import type { Coin, TransferBank } from "../ibc/apps/transfer/bank.js";
import type { IbcContext } from "../ibc/context.js";

/**
 * The SDK's ErrInsufficientFunds (sdk/5). ICS-20 puts `abciCode` into the error acknowledgement of a receive that
 * fails this way, as ibc-go does.
 */
export class InsufficientFundsError extends PlurigridError {
  readonly abciCode = 5;

  constructor(address: string, coin: Coin, balance: bigint) {
    super("bank.insufficient_funds", `${address} has ${balance}${coin.denom}, needs ${coin.amount}${coin.denom}`, {
      address,
      denom: coin.denom,
      needed: coin.amount,
      balance,
    });
  }
}

/**
 * A bank kept in the chain's state (balances at `bank/{address}/{denom}`), enough for ICS-20 on the in-memory chain.
 * It writes through the transaction's context, so a failed receive or message drops its transfers with the rest.
 */
export class MemoryBank implements TransferBank {
  private key(address: string, denom: string): Uint8Array {
    return utf8(`bank/${address}/${denom}`);
  }

  balance(ctx: IbcContext, address: string, denom: string): bigint {
    const bytes = ctx.store.get(this.key(address, denom));
    return bytes === undefined ? 0n : BigInt(fromUtf8(bytes)!);
  }

  private setBalance(ctx: IbcContext, address: string, denom: string, amount: bigint): void {
    ctx.store.set(this.key(address, denom), utf8(amount.toString()));
  }

  send(ctx: IbcContext, from: string, to: string, coins: Coin[]): void {
    this.burn(ctx, from, coins);
    this.mint(ctx, to, coins);
  }

  mint(ctx: IbcContext, to: string, coins: Coin[]): void {
    for (const c of coins) this.setBalance(ctx, to, c.denom, this.balance(ctx, to, c.denom) + c.amount);
  }

  burn(ctx: IbcContext, from: string, coins: Coin[]): void {
    for (const c of coins) {
      const balance = this.balance(ctx, from, c.denom);
      if (balance < c.amount) throw new InsufficientFundsError(from, c, balance);
      this.setBalance(ctx, from, c.denom, balance - c.amount);
    }
  }
}
