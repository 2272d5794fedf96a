import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { secp256k1Verify } from "../../crypto/index.js";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { type AddressCodec, secp256k1AddressBytes } from "../address.js";
import { type Coin, coinsToString, parseAmount, validateCoins } from "../coins.js";
import type { ExecContext } from "../context.js";
import { AbciError, sdkErrors } from "../errors.js";
import { event } from "../events.js";
import { AUTH_GAS } from "../gas.js";
import { type AuthKeeper, FEE_COLLECTOR, SECP256K1_PUBKEY_TYPE_URL } from "../modules/auth.js";
import type { BankKeeper } from "../modules/bank.js";
import type { DecodedTx } from "./decode.js";
import { signDocBytes } from "./signing.js";

/** The largest gas limit a tx may ask for: its engine-gas equivalent (×140,000) must stay a safe integer. */
export const MAX_TX_GAS = 10_000_000_000;

export interface AnteDeps {
  addresses: AddressCodec;
  auth: AuthKeeper;
  bank: BankKeeper;
}

/**
 * The signers of a tx: every message's signers in order, each once (the SDK's GetSigners). The first pays the fee.
 */
export function txSigners(tx: DecodedTx): string[] {
  const signers: string[] = [];
  for (const msg of tx.msgs) {
    for (const s of msg.route.signers(msg.value)) if (!signers.includes(s)) signers.push(s);
  }
  return signers;
}

/** Checks that need no state (baseapp's validateBasicTxMsgs and the tx's own ValidateBasic). */
export function validateTxBasic(tx: DecodedTx): void {
  if (tx.msgs.length === 0) throw sdkErrors.invalidRequest.wrap("must contain at least one message");
  for (const msg of tx.msgs) msg.route.validateBasic(msg.value);
  if (tx.body.extensionOptions.length > 0) throw sdkErrors.unknownExtensionOptions.error();
  if (tx.body.unordered) throw sdkErrors.notSupported.wrap("unordered transactions are not supported");
  if (tx.authInfo.tip) throw sdkErrors.notSupported.wrap("tips are not supported");
  const fee = tx.authInfo.fee;
  if (!fee) throw sdkErrors.invalidRequest.wrap("tx has no fee (and so no gas limit)");
  if (fee.gasLimit > BigInt(MAX_TX_GAS)) {
    throw sdkErrors.invalidGasLimit.wrap(`gas limit ${fee.gasLimit} is above the node's maximum ${MAX_TX_GAS}`);
  }
  feeCoins(tx);
  if (tx.raw.signatures.length === 0) throw sdkErrors.noSignatures.error();
  const signers = txSigners(tx);
  if (tx.raw.signatures.length !== signers.length) {
    throw sdkErrors.unauthorized.wrap(
      `wrong number of signers; expected ${signers.length}, got ${tx.raw.signatures.length}`,
    );
  }
}

export function gasLimitOf(tx: DecodedTx): number {
  return Number(tx.authInfo.fee?.gasLimit ?? 0n);
}

function feeCoins(tx: DecodedTx): Coin[] {
  try {
    const coins = (tx.authInfo.fee?.amount ?? []).map((c) => ({ denom: c.denom, amount: parseAmount(c.amount) }));
    validateCoins(coins);
    return coins;
  } catch (err) {
    if (err instanceof AbciError) throw sdkErrors.insufficientFee.wrap(`invalid fee amount: ${err.message}`);
    throw err;
  }
}

/**
 * The auth ante handler (x/auth/ante, SDK 0.50 order): memo and timeout, tx size gas, fee deduction, public keys,
 * signature count and gas, signature verification (skipped when simulating), sequence increment. Runs on the tx's
 * ante branch with the tx's gas meter; the caller keeps its writes only when it succeeds.
 */
export function runAnte(ctx: ExecContext, tx: DecodedTx, deps: AnteDeps): void {
  const { auth } = deps;
  const simulate = ctx.mode === "simulate";
  const body = tx.body;
  if (body.timeoutHeight !== 0n && BigInt(ctx.block.height) > body.timeoutHeight) {
    throw sdkErrors.txTimeoutHeight.wrap(`block height: ${ctx.block.height}, timeout height: ${body.timeoutHeight}`);
  }
  const memoLength = [...body.memo].length;
  if (memoLength > AUTH_GAS.maxMemoCharacters) {
    throw sdkErrors.memoTooLarge.wrap(
      `maximum number of characters is ${AUTH_GAS.maxMemoCharacters} but received ${memoLength} characters`,
    );
  }
  ctx.gasMeter.consume(AUTH_GAS.txSizeCostPerByte * tx.bytes.length, "txSize");

  const signers = txSigners(tx);
  deductFee(ctx, tx, signers, deps);

  // Public keys: taken from the signer infos and remembered on first use.
  const infos = tx.authInfo.signerInfos;
  if (infos.length !== signers.length) {
    throw sdkErrors.unauthorized.wrap(
      `invalid number of signer infos; expected ${signers.length}, got ${infos.length}`,
    );
  }
  const accounts = signers.map((signer, i) => {
    const account = auth.getAccount(ctx, signer);
    if (!account) throw sdkErrors.unknownAddress.wrap(`account ${signer} does not exist`);
    const any = infos[i].publicKey;
    if (any) {
      if (any.typeUrl !== SECP256K1_PUBKEY_TYPE_URL) {
        throw sdkErrors.invalidPubKey.wrap(`unsupported public key type ${any.typeUrl}; only secp256k1 keys can sign`);
      }
      let key: Uint8Array;
      try {
        key = PubKey.decode(any.value).key;
      } catch {
        throw sdkErrors.invalidPubKey.wrap(`signer ${i}: cannot decode public key`);
      }
      if (key.length !== 33)
        throw sdkErrors.invalidPubKey.wrap(`signer ${i}: public key must be 33 bytes (compressed)`);
      if (deps.addresses.fromBytes(secp256k1AddressBytes(key)) !== signer) {
        throw sdkErrors.invalidPubKey.wrap(`pubKey does not match signer address ${signer} with signer index: ${i}`);
      }
      if (!account.pubKey) {
        account.pubKey = key;
        auth.setAccount(ctx, account);
      }
    }
    return account;
  });
  for (let i = 0; i < signers.length; i++) {
    ctx.events.emit(event("tx", [["acc_seq", `${signers[i]}/${infos[i].sequence}`]]));
    ctx.events.emit(event("tx", [["signature", Buffer.from(tx.raw.signatures[i]).toString("base64")]]));
  }

  if (signers.length > AUTH_GAS.txSigLimit) {
    throw sdkErrors.tooManySignatures.wrap(`signatures: ${signers.length}, limit: ${AUTH_GAS.txSigLimit}`);
  }
  for (let i = 0; i < signers.length; i++)
    ctx.gasMeter.consume(AUTH_GAS.sigVerifyCostSecp256k1, "ante verify: secp256k1");

  for (let i = 0; i < signers.length; i++) {
    const account = accounts[i];
    const info = infos[i];
    if (!account.pubKey) throw sdkErrors.invalidPubKey.wrap("pubkey on account is not set");
    if (info.sequence !== account.sequence) {
      throw sdkErrors.wrongSequence.wrap(
        `account sequence mismatch, expected ${account.sequence}, got ${info.sequence}`,
      );
    }
    if (info.modeInfo?.single?.mode !== SignMode.SIGN_MODE_DIRECT) {
      throw sdkErrors.notSupported.wrap("only SIGN_MODE_DIRECT single signatures are supported");
    }
    if (!simulate) {
      const doc = signDocBytes(tx.raw.bodyBytes, tx.raw.authInfoBytes, ctx.block.chainId, account.accountNumber);
      if (!secp256k1Verify(account.pubKey, doc, tx.raw.signatures[i])) {
        throw sdkErrors.unauthorized.wrap(
          `signature verification failed; please verify account number (${account.accountNumber}), ` +
            `sequence (${account.sequence}) and chain-id (${ctx.block.chainId})`,
        );
      }
    }
  }

  for (const account of accounts) {
    const current = auth.getAccount(ctx, account.address)!;
    current.sequence += 1n;
    auth.setAccount(ctx, current);
  }
}

/** DeductFeeDecorator: the first signer (or the named payer) pays the fee to the fee collector. */
function deductFee(ctx: ExecContext, tx: DecodedTx, signers: string[], deps: AnteDeps): void {
  const fee = tx.authInfo.fee!;
  if (fee.granter !== "") throw sdkErrors.invalidRequest.wrap("fee grants are not supported");
  const payer = fee.payer !== "" ? fee.payer : signers[0];
  if (fee.payer !== "" && !signers.includes(fee.payer)) {
    throw sdkErrors.unauthorized.wrap(`fee payer ${fee.payer} is not a signer of the tx`);
  }
  const coins = feeCoins(tx);
  if (coins.length > 0) {
    if (!deps.auth.hasAccount(ctx, payer))
      throw sdkErrors.unknownAddress.wrap(`fee payer address: ${payer} does not exist`);
    try {
      deps.bank.sendCoins(ctx, payer, deps.auth.moduleAddress(FEE_COLLECTOR), coins);
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap("failed to deduct fees");
      throw err;
    }
  }
  ctx.events.emit(
    event("tx", [
      ["fee", coinsToString(coins)],
      ["fee_payer", payer],
    ]),
  );
}
