import type { Coin, TransferBank } from "../../../ibc/apps/transfer/bank.js";
import type { IbcContext } from "../../../ibc/context.js";
import { normalize } from "../../coins.js";
import type { ExecContext } from "../../context.js";
import { sdkErrors } from "../../errors.js";
import { OutOfGas } from "../../gas.js";
import type { BankKeeper } from "../bank.js";
import { onBranch } from "./context.js";
import { OutOfGasInCallback } from "./errors.js";

/**
 * ICS-20's bank, over the node's x/bank: escrow and unescrow are sends, vouchers are minted and burned. Every call
 * runs on the IBC context's branch, so a failed receive drops the bank's writes with everything else. Bank failures
 * are AbciErrors (PlurigridErrors with an ABCI code), which ICS-20 turns into error acknowledgements; running out of
 * gas is carried past it to fail the tx.
 */
export class NodeTransferBank implements TransferBank {
  constructor(private readonly bank: BankKeeper) {}

  send(ctx: IbcContext, from: string, to: string, coins: Coin[]): void {
    this.run(ctx, (exec) => {
      if (this.bank.isBlocked(to)) throw sdkErrors.unauthorized.wrap(`${to} is not allowed to receive funds`);
      this.bank.sendCoins(exec, from, to, normalize(coins));
    });
  }

  mint(ctx: IbcContext, to: string, coins: Coin[]): void {
    this.run(ctx, (exec) => {
      if (this.bank.isBlocked(to)) throw sdkErrors.unauthorized.wrap(`${to} is not allowed to receive funds`);
      this.bank.mint(exec, to, normalize(coins));
    });
  }

  burn(ctx: IbcContext, from: string, coins: Coin[]): void {
    this.run(ctx, (exec) => this.bank.burn(exec, from, normalize(coins)));
  }

  balance(ctx: IbcContext, address: string, denom: string): bigint {
    return this.run(ctx, (exec) => this.bank.getBalance(exec, address, denom).amount);
  }

  private run<T>(ctx: IbcContext, body: (exec: ExecContext) => T): T {
    try {
      return onBranch(ctx, body);
    } catch (err) {
      if (err instanceof OutOfGas) throw new OutOfGasInCallback(err);
      throw err;
    }
  }
}
