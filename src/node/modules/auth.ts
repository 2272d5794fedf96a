import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { type AddressCodec, moduleAddressBytes } from "../address.js";
import type { ExecContext } from "../context.js";
import { sdkErrors } from "../errors.js";
import { decodeU64, encodeU64 } from "../keys.js";

export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";

/** An account (x/auth BaseAccount): the number it got when first seen, its tx sequence, its key once known. */
export interface Account {
  address: string;
  /** Compressed secp256k1 public key, set by the first tx the account signs. */
  pubKey: Uint8Array | undefined;
  accountNumber: bigint;
  sequence: bigint;
}

const ACCOUNT_PREFIX = Uint8Array.of(0x01);
const NEXT_ACCOUNT_NUMBER = new TextEncoder().encode("next_account_number");

/** The module accounts the node knows by name. */
export const FEE_COLLECTOR = "fee_collector";

/**
 * x/auth: accounts by address, with account numbers handed out in order of first appearance (genesis, first
 * incoming transfer, contract instantiation) and sequences that make every signed tx usable once.
 */
export class AuthKeeper {
  readonly name = "auth";

  constructor(readonly addresses: AddressCodec) {}

  moduleAddress(name: string): string {
    return this.addresses.fromBytes(moduleAddressBytes(name));
  }

  getAccount(ctx: ExecContext, address: string): Account | undefined {
    const bytes = ctx.moduleStore(this.name).get(accountKey(this.addresses.toBytes(address)));
    if (!bytes) return undefined;
    const base = BaseAccount.decode(bytes);
    let pubKey: Uint8Array | undefined;
    if (base.pubKey) {
      if (base.pubKey.typeUrl !== SECP256K1_PUBKEY_TYPE_URL) {
        throw sdkErrors.invalidPubKey.wrap(`account ${address} has an unsupported key type ${base.pubKey.typeUrl}`);
      }
      pubKey = PubKey.decode(base.pubKey.value).key;
    }
    return { address: base.address, pubKey, accountNumber: base.accountNumber, sequence: base.sequence };
  }

  hasAccount(ctx: ExecContext, address: string): boolean {
    return ctx.moduleStore(this.name).has(accountKey(this.addresses.toBytes(address)));
  }

  setAccount(ctx: ExecContext, account: Account): void {
    const base = BaseAccount.fromPartial({
      address: account.address,
      pubKey: account.pubKey
        ? { typeUrl: SECP256K1_PUBKEY_TYPE_URL, value: PubKey.encode({ key: account.pubKey }).finish() }
        : undefined,
      accountNumber: account.accountNumber,
      sequence: account.sequence,
    });
    ctx
      .moduleStore(this.name)
      .set(accountKey(this.addresses.toBytes(account.address)), BaseAccount.encode(base).finish());
  }

  /** A new account with the next account number (NewAccountWithAddress); not stored until `setAccount`. */
  newAccount(ctx: ExecContext, address: string): Account {
    const store = ctx.moduleStore(this.name);
    const stored = store.get(NEXT_ACCOUNT_NUMBER);
    const accountNumber = stored ? decodeU64(stored) : 0n;
    store.set(NEXT_ACCOUNT_NUMBER, encodeU64(accountNumber + 1n));
    return { address, pubKey: undefined, accountNumber, sequence: 0n };
  }

  /** The account at `address`, created (and stored) when it does not exist yet. */
  ensureAccount(ctx: ExecContext, address: string): Account {
    const existing = this.getAccount(ctx, address);
    if (existing) return existing;
    const account = this.newAccount(ctx, address);
    this.setAccount(ctx, account);
    return account;
  }
}

function accountKey(address: Uint8Array): Uint8Array {
  const key = new Uint8Array(1 + address.length);
  key.set(ACCOUNT_PREFIX, 0);
  key.set(address, 1);
  return key;
}
