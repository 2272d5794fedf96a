import { MsgSend, MsgSendResponse } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { prefixEnd } from "../../store/bytes.js";
import type { AddressCodec } from "../address.js";
import { type Coin, coinsToString, coinToString, fromWire, parseAmount, validateCoins } from "../coins.js";
import type { ExecContext } from "../context.js";
import { sdkErrors } from "../errors.js";
import { event } from "../events.js";
import { concat, lengthPrefixed, utf8Bytes } from "../keys.js";
import { defineRoute, type MsgRoute } from "../router.js";
import { type AuthKeeper, FEE_COLLECTOR } from "./auth.js";

const BALANCE_PREFIX = Uint8Array.of(0x02);
const SUPPLY_PREFIX = Uint8Array.of(0x00);
const utf8 = new TextDecoder();

/**
 * x/bank: balances per address and denom, total supply per denom, and transfers with the SDK's events
 * (coin_spent, coin_received, transfer, message). Module accounts cannot receive transfers from users.
 */
export class BankKeeper {
  readonly name = "bank";
  private readonly blocked: ReadonlySet<string>;

  constructor(
    readonly addresses: AddressCodec,
    readonly auth: AuthKeeper,
  ) {
    this.blocked = new Set([auth.moduleAddress(FEE_COLLECTOR)]);
  }

  getBalance(ctx: ExecContext, address: string, denom: string): Coin {
    const bytes = ctx.moduleStore(this.name).get(this.balanceKey(address, denom));
    return { denom, amount: bytes ? parseAmount(utf8.decode(bytes)) : 0n };
  }

  /** Every non-zero balance of `address`, sorted by denom. */
  getAllBalances(ctx: ExecContext, address: string): Coin[] {
    const prefix = concat(BALANCE_PREFIX, lengthPrefixed(this.addresses.toBytes(address)));
    const store = ctx.moduleStore(this.name);
    const coins: Coin[] = [];
    for (const { key, value } of store.iterate(prefix, prefixEnd(prefix))) {
      coins.push({ denom: utf8.decode(key.subarray(prefix.length)), amount: parseAmount(utf8.decode(value)) });
    }
    return coins;
  }

  getSupply(ctx: ExecContext, denom: string): Coin {
    const bytes = ctx.moduleStore(this.name).get(concat(SUPPLY_PREFIX, denom));
    return { denom, amount: bytes ? parseAmount(utf8.decode(bytes)) : 0n };
  }

  isBlocked(address: string): boolean {
    return this.blocked.has(address);
  }

  /**
   * Moves `coins` (already valid: sorted, positive) from one address to another, creating the recipient's account
   * when it has none. Fails with insufficient funds before changing anything.
   */
  sendCoins(ctx: ExecContext, from: string, to: string, coins: readonly Coin[]): void {
    validateCoins(coins);
    this.subtract(ctx, from, coins);
    this.add(ctx, to, coins);
    if (!this.auth.hasAccount(ctx, to)) this.auth.ensureAccount(ctx, to);
    ctx.events.emit(
      event("transfer", [
        ["recipient", to],
        ["sender", from],
        ["amount", coinsToString(coins)],
      ]),
      event("message", [["sender", from]]),
    );
  }

  /** Creates coins at `to` and raises the supply (genesis; modules that issue coins, such as IBC vouchers). */
  mint(ctx: ExecContext, to: string, coins: readonly Coin[]): void {
    validateCoins(coins);
    for (const coin of coins) {
      const supply = this.getSupply(ctx, coin.denom);
      this.setSupply(ctx, { denom: coin.denom, amount: supply.amount + coin.amount });
    }
    this.add(ctx, to, coins);
    if (!this.auth.hasAccount(ctx, to)) this.auth.ensureAccount(ctx, to);
  }

  /** Destroys `coins` held by `from` and lowers the supply (a contract's BankMsg::Burn). */
  burn(ctx: ExecContext, from: string, coins: readonly Coin[]): void {
    validateCoins(coins);
    this.subtract(ctx, from, coins);
    for (const coin of coins) {
      const supply = this.getSupply(ctx, coin.denom);
      this.setSupply(ctx, { denom: coin.denom, amount: supply.amount - coin.amount });
    }
    ctx.events.emit(
      event("burn", [
        ["burner", from],
        ["amount", coinsToString(coins)],
      ]),
    );
  }

  private subtract(ctx: ExecContext, address: string, coins: readonly Coin[]): void {
    for (const coin of coins) {
      const balance = this.getBalance(ctx, address, coin.denom);
      if (balance.amount < coin.amount) {
        throw sdkErrors.insufficientFunds.wrap(
          `spendable balance ${coinToString(balance)} is smaller than ${coinToString(coin)}`,
          { address, balance: coinToString(balance), needed: coinToString(coin) },
        );
      }
      this.setBalance(ctx, address, { denom: coin.denom, amount: balance.amount - coin.amount });
    }
    ctx.events.emit(
      event("coin_spent", [
        ["spender", address],
        ["amount", coinsToString(coins)],
      ]),
    );
  }

  private add(ctx: ExecContext, address: string, coins: readonly Coin[]): void {
    for (const coin of coins) {
      const balance = this.getBalance(ctx, address, coin.denom);
      this.setBalance(ctx, address, { denom: coin.denom, amount: balance.amount + coin.amount });
    }
    ctx.events.emit(
      event("coin_received", [
        ["receiver", address],
        ["amount", coinsToString(coins)],
      ]),
    );
  }

  private setBalance(ctx: ExecContext, address: string, coin: Coin): void {
    const store = ctx.moduleStore(this.name);
    const key = this.balanceKey(address, coin.denom);
    if (coin.amount === 0n) store.delete(key);
    else store.set(key, utf8Bytes(coin.amount.toString()));
  }

  private setSupply(ctx: ExecContext, coin: Coin): void {
    ctx.moduleStore(this.name).set(concat(SUPPLY_PREFIX, coin.denom), utf8Bytes(coin.amount.toString()));
  }

  private balanceKey(address: string, denom: string): Uint8Array {
    return concat(BALANCE_PREFIX, lengthPrefixed(this.addresses.toBytes(address)), denom);
  }

  /** The bank's one message: MsgSend. */
  routes(): MsgRoute<unknown>[] {
    return [
      defineRoute<MsgSend>({
        typeUrl: MsgSend.typeUrl,
        decode: (bytes) => MsgSend.decode(bytes),
        encode: (msg) => MsgSend.encode(msg).finish(),
        signers: (msg) => [msg.fromAddress],
        validateBasic: (msg) => {
          this.addresses.toBytes(msg.fromAddress, "from address");
          this.addresses.toBytes(msg.toAddress, "to address");
          const coins = msg.amount.map((c) => ({ denom: c.denom, amount: parseAmount(c.amount) }));
          if (coins.length === 0) throw sdkErrors.invalidCoins.wrap("send amount is empty");
          validateCoins(coins);
        },
        handle: (ctx, msg) => {
          if (this.isBlocked(msg.toAddress)) {
            throw sdkErrors.unauthorized.wrap(`${msg.toAddress} is not allowed to receive funds`);
          }
          this.sendCoins(ctx, msg.fromAddress, msg.toAddress, fromWire(msg.amount));
          return { typeUrl: MsgSendResponse.typeUrl, value: MsgSendResponse.encode({}).finish() };
        },
        toJSON: (msg) => ({ from_address: msg.fromAddress, to_address: msg.toAddress, amount: msg.amount }),
      }),
    ];
  }
}
