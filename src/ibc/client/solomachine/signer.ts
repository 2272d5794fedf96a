import { sha256 } from "../../../crypto/index.js";
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
import { bytesEqual, readUint64BigEndian, uint64BigEndian, utf8 } from "../../bytes.js";
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
 * freeze the client. The signer therefore remembers, per diversifier, the last sequence signed and a hash of what
 * was signed, and refuses to sign below it, or something different at it, unless told that the earlier signatures
 * from that sequence on were never delivered (`replaceUndelivered`).
 *
 * What must survive a restart goes to the journal, and a durable write costs an fsync, so the journal holds a
 * reservation rather than every signature: before signing beyond it, the signer records "may have signed up to
 * s + 63" once, then signs 64 sequences from memory alone. A restarted signer knows only the reservation, so it
 * treats every sequence up to it as signed with unknown content: it refuses all of them unless `replaceUndelivered`.
 * Conservative, never unsafe: no restart can make it sign a second message at a sequence it may have signed.
 *
 * A relayer batching N proofs signs N consecutive sequences before it submits them in one transaction. When that
 * transaction fails (atomically) or delivers only a prefix, the client stays at a sequence below the journal's last
 * one, and the relayer must re-sign from there: `replaceUndelivered` then rewinds the signer's record to that
 * sequence.
 */
export interface SignRequest {
  diversifier: string;
  /** The sequence of the counterparty's client of this solo machine (its latest height). */
  sequence: bigint;
  /** Nanoseconds; must not be below the client's consensus timestamp. Nodes use their block time. */
  timestamp: bigint;
  /**
   * Set only when no signature previously issued at this sequence or above has reached the client, i.e. the client
   * is still at this sequence (a relayer reads it from the counterparty just before asking). The record rewinds here.
   */
  replaceUndelivered?: boolean;
}

/** Sequences the journal reserves per durable write. */
export const JOURNAL_RESERVATION = 64n;

export class SoloMachineSigner {
  readonly publicKey: Uint8Array;
  /**
   * Per diversifier, since this signer was created: the last sequence it signed and the digest of what it signed,
   * and up to which sequence a signer before a restart may have signed things this one does not know.
   */
  private readonly signed = new Map<
    string,
    { last: { sequence: bigint; digest: Uint8Array } | undefined; unknownThrough: bigint }
  >();
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
    const { diversifier, sequence } = request;
    const key = utf8(`solomachine-signer/${diversifier}`);
    const digest = sha256(signBytes);
    const reserved = this.readReservation(key);
    const state = this.signed.get(diversifier) ?? { last: undefined, unknownThrough: reserved ?? -1n };
    if (request.replaceUndelivered === true) {
      // Nothing signed from here on was delivered, whether by this signer or before a restart.
      if (state.unknownThrough >= sequence) state.unknownThrough = sequence - 1n;
    } else {
      const { last } = state;
      const context = { diversifier, sequence, lastSigned: last?.sequence ?? reserved };
      if (last !== undefined && sequence < last.sequence) {
        throw ibcError(
          SoloMachineErrors.InvalidSequence,
          `solo machine already signed at sequence ${last.sequence} for diversifier "${diversifier}"; refusing to sign at ${sequence}`,
          context,
        );
      }
      if (last !== undefined && sequence === last.sequence && !bytesEqual(digest, last.digest)) {
        throw ibcError(
          SoloMachineErrors.InvalidSequence,
          `solo machine already signed a different message at sequence ${sequence} for diversifier "${diversifier}"; signing again would be misbehaviour`,
          context,
        );
      }
      if (sequence <= state.unknownThrough) {
        throw ibcError(
          SoloMachineErrors.InvalidSequence,
          `solo machine may have signed up to sequence ${state.unknownThrough} for diversifier "${diversifier}" before it restarted; refusing to sign at ${sequence} unless those signatures were never delivered`,
          context,
        );
      }
    }
    if (reserved === undefined || sequence > reserved) {
      this.journal.set(key, uint64BigEndian(sequence + JOURNAL_RESERVATION - 1n));
    }
    state.last = { sequence, digest };
    this.signed.set(diversifier, state);
  }

  /** The highest sequence the journal says may have been signed (older journals kept the last sequence + digest). */
  private readReservation(key: Uint8Array): bigint | undefined {
    const bytes = this.journal.get(key);
    return bytes === undefined ? undefined : readUint64BigEndian(bytes.subarray(0, 8))!;
  }
}
