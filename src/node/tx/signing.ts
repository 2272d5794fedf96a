import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, SignDoc, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { secp256k1CompressedPublicKey, secp256k1Sign } from "../../crypto/index.js";
import { type Coin, toWire } from "../coins.js";
import { SECP256K1_PUBKEY_TYPE_URL } from "../modules/auth.js";

/**
 * SIGN_MODE_DIRECT: the signer signs the protobuf SignDoc {body_bytes, auth_info_bytes, chain_id, account_number}
 * with secp256k1 over its sha256 (64-byte r‖s, low-S, as the Cosmos SDK requires). The chain id and account number
 * are in what is signed, so a tx signed for another chain or account never verifies.
 */
export function signDocBytes(
  bodyBytes: Uint8Array,
  authInfoBytes: Uint8Array,
  chainId: string,
  accountNumber: bigint,
): Uint8Array {
  return SignDoc.encode({ bodyBytes, authInfoBytes, chainId, accountNumber }).finish();
}

/** What a client needs to sign one tx for one account. */
export interface SignerData {
  privateKey: Uint8Array;
  /** The compressed public key of `privateKey`, when the caller has it (deriving it costs as much as signing). */
  publicKey?: Uint8Array;
  chainId: string;
  accountNumber: bigint;
  sequence: bigint;
}

export interface UnsignedTx {
  messages: Any[];
  memo?: string;
  fee?: Coin[];
  gasLimit: bigint;
  timeoutHeight?: bigint;
}

/** Builds and signs a single-signer tx (what `plurigrid tx …` broadcasts); returns the TxRaw bytes. */
export function signTx(tx: UnsignedTx, signer: SignerData): Uint8Array {
  const bodyBytes = TxBody.encode(
    TxBody.fromPartial({ messages: tx.messages, memo: tx.memo ?? "", timeoutHeight: tx.timeoutHeight ?? 0n }),
  ).finish();
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: [
        {
          publicKey: {
            typeUrl: SECP256K1_PUBKEY_TYPE_URL,
            value: PubKey.encode({ key: signer.publicKey ?? secp256k1CompressedPublicKey(signer.privateKey) }).finish(),
          },
          modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
          sequence: signer.sequence,
        },
      ],
      fee: { amount: toWire(tx.fee ?? []), gasLimit: tx.gasLimit, payer: "", granter: "" },
    }),
  ).finish();
  const signature = secp256k1Sign(
    signer.privateKey,
    signDocBytes(bodyBytes, authInfoBytes, signer.chainId, signer.accountNumber),
  );
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
}
