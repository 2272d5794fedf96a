import { sha256 } from "@noble/hashes/sha2.js";
import type { Any } from "cosmjs-types/google/protobuf/any";
import {
  type ClientState,
  type ConsensusState,
  type Header,
  TimestampedSignatureData,
} from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { Ed25519SigningKey } from "../../../crypto/index.js";
import type { KvStore } from "../../../store/kv.js";
import { MemoryKv } from "../../../store/memory.js";
import { bytesEqual, concatBytes, readUint64BigEndian, uint64BigEndian, utf8 } from "../../bytes.js";
import { ibcError } from "../../errors.js";
import { SoloMachineErrors } from "./errors.js";
import { headerSignBytes } from "./header.js";
import { proofSignBytes } from "./proof.js";
import { ed25519PublicKeyAny } from "./public-key.js";
import { encodeSingleSignature } from "./signature.js";

/**
 * The signer side of a solo machine: a Plurigrid node proves its own state to a counterparty by signing
 * (path, value) with its ed25519 key, at the sequence of the counterparty's client of this node. Each counterparty
 * client gets its own diversifier, so the one key serves every connection without two clients' sequences ever
 * meaning the same thing.
 *
 * Signing two different messages at the same sequence and diversifier is misbehaviour: anyone holding both can
 * freeze the client. The signer therefore keeps a journal (per diversifier: the last sequence signed and a hash of
 * what was signed) and refuses to sign below it, or something different at it, unless told that the earlier
 * signatures from that sequence on were never delivered (`replaceUndelivered`).
 *
 * A relayer batching N proofs signs N consecutive sequences before it submits them in one transaction. When that
 * transaction fails (atomically) or delivers only a prefix, the client stays at a sequence below the journal's last
 * one, and the relayer must re-sign from there: `replaceUndelivered` then rewinds the journal to that sequence.
 */
export interface SignRequest {
  diversifier: string;
  /** The sequence of the counterparty's client of this solo machine (its latest height). */
  sequence: bigint;
  /** Nanoseconds; must not be below the client's consensus timestamp. Nodes use their block time. */
  timestamp: bigint;
  /**
   * Set only when no signature previously issued at this sequence or above has reached the client, i.e. the client
   * is still at this sequence (a relayer reads it from the counterparty just before asking). The journal rewinds here.
   */
  replaceUndelivered?: boolean;
}

export class SoloMachineSigner {
  readonly publicKey: Uint8Array;
  private readonly key: Ed25519SigningKey;

  /**
   * `privateKey` is the 32-byte ed25519 secret key; `journal` is where the signer remembers what it signed (the node
   * passes a persistent store; by default it is kept in memory for this signer's lifetime).
   */
  constructor(
    privateKey: Uint8Array,
    private readonly journal: Pick<KvStore, "get" | "set"> = new MemoryKv(),
  ) {
    this.key = new Ed25519SigningKey(privateKey);
    this.publicKey = this.key.publicKey;
  }

  publicKeyAny(): Any {
    return ed25519PublicKeyAny(this.publicKey);
  }

  consensusState(diversifier: string, timestamp: bigint): ConsensusState {
    return { publicKey: this.publicKeyAny(), diversifier, timestamp };
  }

  /** The client state a counterparty creates for this solo machine (ibc-go's tests start at sequence 1). */
  clientState(diversifier: string, timestamp: bigint, sequence = 1n): ClientState {
    return { sequence, isFrozen: false, consensusState: this.consensusState(diversifier, timestamp) };
  }

  /** A membership proof (TimestampedSignatureData bytes) of `value` at the ICS-24 `path`. */
  proveMembership(request: SignRequest, path: string, value: Uint8Array): Uint8Array {
    return this.prove(request, path, value);
  }

  /** A non-membership proof: the same signature with empty data. */
  proveNonMembership(request: SignRequest, path: string): Uint8Array {
    return this.prove(request, path, undefined);
  }

  /** A header keeping (or rotating) the key and diversifier; it also moves the client's timestamp to `timestamp`. */
  header(request: SignRequest, update: { newPublicKey?: Any; newDiversifier?: string } = {}): Header {
    const newPublicKey = update.newPublicKey ?? this.publicKeyAny();
    const newDiversifier = update.newDiversifier ?? request.diversifier;
    const signBytes = headerSignBytes(request.sequence, request.timestamp, request.diversifier, {
      newPublicKey,
      newDiversifier,
    });
    const signature = this.signAt(request, signBytes);
    return { timestamp: request.timestamp, signature, newPublicKey, newDiversifier };
  }

  /** Signs arbitrary sign bytes at a sequence, through the journal (low level: proofs and headers use this). */
  signAt(request: SignRequest, signBytes: Uint8Array): Uint8Array {
    this.checkJournal(request, signBytes);
    return encodeSingleSignature(this.key.sign(signBytes));
  }

  private prove(request: SignRequest, path: string, value: Uint8Array | undefined): Uint8Array {
    const signBytes = proofSignBytes({
      sequence: request.sequence,
      timestamp: request.timestamp,
      diversifier: request.diversifier,
      key: utf8(path),
      data: value,
    });
    const signatureData = this.signAt(request, signBytes);
    return TimestampedSignatureData.encode({ signatureData, timestamp: request.timestamp }).finish();
  }

  private checkJournal(request: SignRequest, signBytes: Uint8Array): void {
    const key = utf8(`solomachine-signer/${request.diversifier}`);
    const digest = sha256(signBytes);
    const last = this.readJournal(key);
    if (last !== undefined) {
      const context = { diversifier: request.diversifier, sequence: request.sequence, lastSigned: last.sequence };
      if (request.sequence < last.sequence && request.replaceUndelivered !== true) {
        throw ibcError(
          SoloMachineErrors.InvalidSequence,
          `solo machine already signed at sequence ${last.sequence} for diversifier "${request.diversifier}"; refusing to sign at ${request.sequence}`,
          context,
        );
      }
      if (
        request.sequence === last.sequence &&
        !bytesEqual(digest, last.digest) &&
        request.replaceUndelivered !== true
      ) {
        throw ibcError(
          SoloMachineErrors.InvalidSequence,
          `solo machine already signed a different message at sequence ${request.sequence} for diversifier "${request.diversifier}"; signing again would be misbehaviour`,
          context,
        );
      }
    }
    this.writeJournal(key, request.sequence, digest);
  }

  private readJournal(key: Uint8Array): { sequence: bigint; digest: Uint8Array } | undefined {
    const bytes = this.journal.get(key);
    if (bytes === undefined) return undefined;
    return { sequence: readUint64BigEndian(bytes.subarray(0, 8))!, digest: bytes.subarray(8) };
  }

  private writeJournal(key: Uint8Array, sequence: bigint, digest: Uint8Array): void {
    this.journal.set(key, concatBytes(uint64BigEndian(sequence), digest));
  }
}
