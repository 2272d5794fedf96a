import { test } from "node:test";
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import {
  ClientState,
  ConsensusState,
  Header,
  Misbehaviour,
  SignBytes,
  TimestampedSignatureData,
} from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { MemoryKv } from "../../src/store/memory.js";
import { toHex, utf8 } from "../../src/ibc/bytes.js";
import { applyPrefix, encodeMerklePath } from "../../src/ibc/commitment/merkle.js";
import { isIbcError, type IbcErrorKind } from "../../src/ibc/errors.js";
import { ClientErrors } from "../../src/ibc/client/errors.js";
import { HostErrors } from "../../src/ibc/host/errors.js";
import { SoloMachineErrors } from "../../src/ibc/client/solomachine/errors.js";
import { IbcStore } from "../../src/ibc/host/store.js";
import { HEADER_TYPE_URL, MISBEHAVIOUR_TYPE_URL } from "../../src/ibc/client/solomachine/client-state.js";
import { SoloMachineLightClient } from "../../src/ibc/client/solomachine/light-client.js";
import { proofSignBytes } from "../../src/ibc/client/solomachine/proof.js";
import { decodePublicKey, secp256k1PublicKeyAny } from "../../src/ibc/client/solomachine/public-key.js";
import { encodeSingleSignature } from "../../src/ibc/client/solomachine/signature.js";
import { JOURNAL_RESERVATION, SoloMachineSigner } from "../../src/ibc/client/solomachine/signer.js";

const key = (seed: number) => new Uint8Array(32).fill(seed);
const CLIENT = "06-solomachine-0";
const T0 = 1_000_000_000n;

function setup(signer = new SoloMachineSigner(key(1))) {
  const store = new IbcStore(new MemoryKv(), "ibc/");
  const client = new SoloMachineLightClient();
  client.initialize(
    store,
    CLIENT,
    ClientState.encode(signer.clientState("alpha", T0)).finish(),
    ConsensusState.encode(signer.consensusState("alpha", T0)).finish(),
  );
  return { store, client, signer };
}

const fails = (kind: IbcErrorKind, pattern?: RegExp) => (e: unknown) =>
  isIbcError(e, kind) && (pattern === undefined || pattern.test((e as Error).message));

const PATH = "connections/connection-0";
const merkle = (path: string) => applyPrefix(utf8("ibc"), utf8(path));
const at = (sequence: bigint, timestamp = T0 + 10n) => ({ diversifier: "alpha", sequence, timestamp });

test("SignBytes are ibc-go's protobuf: sequence, timestamp, diversifier, the ICS-24 key (no store prefix), data", () => {
  const bytes = proofSignBytes({ sequence: 5n, timestamp: 300n, diversifier: "d", key: utf8("p/q"), data: utf8("v") });
  // 08 05 | 10 ac 02 | 1a 01 'd' | 22 03 'p/q' | 2a 01 'v'
  assert.equal(toHex(bytes), "0805" + "10ac02" + "1a0164" + "2203702f71" + "2a0176");
  assert.deepEqual(SignBytes.decode(bytes), {
    sequence: 5n,
    timestamp: 300n,
    diversifier: "d",
    path: utf8("p/q"),
    data: utf8("v"),
  });
  // Non-membership signs empty data, which protobuf omits.
  assert.equal(
    toHex(proofSignBytes({ sequence: 1n, timestamp: 1n, diversifier: "", key: utf8("k") })),
    "080110012201" + "6b",
  );
});

test("a membership proof verifies once: it consumes the sequence and moves the timestamp", () => {
  const { store, client, signer } = setup();
  assert.deepEqual(client.latestHeight(store, CLIENT), { revisionNumber: 0n, revisionHeight: 1n });
  assert.equal(client.status(store, CLIENT), "Active");
  const proof = signer.proveMembership(at(1n), PATH, utf8("connection end"));
  client.verifyMembership(
    store,
    CLIENT,
    client.latestHeight(store, CLIENT),
    proof,
    merkle(PATH),
    utf8("connection end"),
  );
  assert.deepEqual(client.latestHeight(store, CLIENT), { revisionNumber: 0n, revisionHeight: 2n });
  assert.equal(client.timestampAtHeight(store, CLIENT), T0 + 10n);
  // Replaying the same proof fails: the client now expects sequence 2.
  assert.throws(
    () =>
      client.verifyMembership(
        store,
        CLIENT,
        client.latestHeight(store, CLIENT),
        proof,
        merkle(PATH),
        utf8("connection end"),
      ),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  // Non-membership at the next sequence.
  const absent = signer.proveNonMembership(at(2n, T0 + 20n), "receipts/ports/transfer/channels/channel-0/sequences/1");
  client.verifyNonMembership(
    store,
    CLIENT,
    client.latestHeight(store, CLIENT),
    absent,
    merkle("receipts/ports/transfer/channels/channel-0/sequences/1"),
  );
  assert.equal(client.latestHeight(store, CLIENT).revisionHeight, 3n);
});

test("forged and mismatched proofs are rejected without consuming the sequence", () => {
  const { store, client, signer } = setup();
  const forger = new SoloMachineSigner(key(9));
  const h = client.latestHeight(store, CLIENT);
  const value = utf8("value");
  const verify =
    (proof: Uint8Array, path = PATH, v = value) =>
    () =>
      client.verifyMembership(store, CLIENT, h, proof, merkle(path), v);
  assert.throws(
    verify(forger.proveMembership(at(1n), PATH, value)),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  assert.throws(
    verify(signer.proveMembership(at(1n), PATH, value), PATH, utf8("other value")),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  const other = new SoloMachineSigner(key(1));
  assert.throws(
    verify(other.proveMembership(at(1n), "connections/connection-1", value)),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  assert.throws(
    verify(other.proveMembership({ ...at(2n) }, PATH, value)),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  assert.throws(
    verify(other.proveMembership({ ...at(1n), diversifier: "beta" }, PATH, value)),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  assert.throws(verify(new Uint8Array(0)), fails(SoloMachineErrors.InvalidProof, /proof cannot be empty/));
  assert.throws(verify(new Uint8Array([0xff, 0xff])), fails(SoloMachineErrors.InvalidProof));
  assert.throws(
    verify(TimestampedSignatureData.encode({ signatureData: new Uint8Array(), timestamp: T0 }).finish()),
    fails(SoloMachineErrors.InvalidProof, /signature data cannot be empty/),
  );
  // A proof older than the consensus timestamp.
  assert.throws(
    verify(new SoloMachineSigner(key(1)).proveMembership(at(1n, T0 - 1n), PATH, value)),
    fails(SoloMachineErrors.InvalidProof, /consensus state timestamp is greater/),
  );
  // The path must be [prefix, key].
  assert.throws(
    () => client.verifyMembership(store, CLIENT, h, new Uint8Array([1]), { keyPath: [utf8(PATH)] }, value),
    fails(HostErrors.InvalidPath),
  );
  assert.equal(client.latestHeight(store, CLIENT).revisionHeight, 1n, "nothing was consumed");
});

test("headers rotate the key and diversifier, signed by the current key", () => {
  const { store, client, signer } = setup();
  const next = new SoloMachineSigner(key(2));
  const header = signer.header(at(1n, T0 + 5n), { newPublicKey: next.publicKeyAny(), newDiversifier: "alpha-2" });
  const message = { typeUrl: HEADER_TYPE_URL, value: Header.encode(header).finish() };
  client.validateClientMessage(message);
  client.verifyClientMessage(store, CLIENT, message);
  assert.equal(client.checkForMisbehaviour(store, CLIENT, message), false);
  assert.deepEqual(client.updateState(store, CLIENT, message), [{ revisionNumber: 0n, revisionHeight: 2n }]);
  assert.equal(client.timestampAtHeight(store, CLIENT), T0 + 5n);
  // The old key no longer proves anything; the new one does, under the new diversifier.
  const h = client.latestHeight(store, CLIENT);
  assert.throws(
    () =>
      client.verifyMembership(
        store,
        CLIENT,
        h,
        signer.proveMembership(at(2n), PATH, utf8("v")),
        merkle(PATH),
        utf8("v"),
      ),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  const proof = next.proveMembership({ diversifier: "alpha-2", sequence: 2n, timestamp: T0 + 6n }, PATH, utf8("v"));
  client.verifyMembership(store, CLIENT, h, proof, merkle(PATH), utf8("v"));
});

test("bad headers: older timestamp, wrong signer, empty signature", () => {
  const { store, client } = setup();
  const msg = (h: Header) => ({ typeUrl: HEADER_TYPE_URL, value: Header.encode(h).finish() });
  const older = new SoloMachineSigner(key(1)).header(at(1n, T0 - 1n));
  assert.throws(
    () => client.verifyClientMessage(store, CLIENT, msg(older)),
    fails(ClientErrors.InvalidHeader, /less than/),
  );
  const forged = new SoloMachineSigner(key(7)).header(at(1n, T0 + 1n), {
    newPublicKey: new SoloMachineSigner(key(1)).publicKeyAny(),
  });
  assert.throws(() => client.verifyClientMessage(store, CLIENT, msg(forged)), fails(SoloMachineErrors.InvalidHeader));
  const empty = { ...forged, signature: new Uint8Array() };
  assert.throws(
    () => client.validateClientMessage(msg(empty)),
    fails(ClientErrors.InvalidHeader, /signature cannot be empty/),
  );
  assert.throws(
    () => client.validateClientMessage({ typeUrl: "/x.Y", value: new Uint8Array() }),
    fails(ClientErrors.InvalidClientType),
  );
});

function signatureAndData(sequence: bigint, path: string, data: string, timestamp: bigint) {
  const pathBytes = encodeMerklePath(merkle(path));
  const signBytes = proofSignBytes({ sequence, timestamp, diversifier: "alpha", key: pathBytes, data: utf8(data) });
  const signature = encodeSingleSignature(ed25519.sign(signBytes, key(1)));
  return { signature, path: pathBytes, data: utf8(data), timestamp };
}

test("misbehaviour: two signatures at one sequence over different data freeze the client", () => {
  const { store, client } = setup();
  const misbehaviour = {
    sequence: 1n,
    signatureOne: signatureAndData(1n, "clients/x/clientState", "one", T0 + 1n),
    signatureTwo: signatureAndData(1n, "clients/x/clientState", "two", T0 + 2n),
  };
  const message = { typeUrl: MISBEHAVIOUR_TYPE_URL, value: Misbehaviour.encode(misbehaviour).finish() };
  client.validateClientMessage(message);
  client.verifyClientMessage(store, CLIENT, message);
  assert.equal(client.checkForMisbehaviour(store, CLIENT, message), true);
  client.updateStateOnMisbehaviour(store, CLIENT);
  assert.equal(client.status(store, CLIENT), "Frozen");
});

test("misbehaviour that is not: equal signatures, same message, forged signature, path not a MerklePath", () => {
  const { store, client } = setup();
  const one = signatureAndData(1n, "a/b", "one", T0 + 1n);
  const msg = (m: Misbehaviour) => ({ typeUrl: MISBEHAVIOUR_TYPE_URL, value: Misbehaviour.encode(m).finish() });
  assert.throws(
    () => client.validateClientMessage(msg({ sequence: 1n, signatureOne: one, signatureTwo: one })),
    fails(ClientErrors.InvalidMisbehaviour, /cannot be equal/),
  );
  const sameMessage = signatureAndData(1n, "a/b", "one", T0 + 2n);
  assert.throws(
    () => client.validateClientMessage(msg({ sequence: 1n, signatureOne: one, signatureTwo: sameMessage })),
    fails(ClientErrors.InvalidMisbehaviour, /different messages/),
  );
  assert.throws(
    () => client.validateClientMessage(msg({ sequence: 0n, signatureOne: one, signatureTwo: sameMessage })),
    fails(ClientErrors.InvalidMisbehaviour, /sequence cannot be 0/),
  );
  const forgedBytes = proofSignBytes({
    sequence: 1n,
    timestamp: T0,
    diversifier: "alpha",
    key: one.path,
    data: utf8("two"),
  });
  const forged = { ...one, data: utf8("two"), signature: encodeSingleSignature(ed25519.sign(forgedBytes, key(8))) };
  assert.throws(
    () => client.verifyClientMessage(store, CLIENT, msg({ sequence: 1n, signatureOne: one, signatureTwo: forged })),
    fails(SoloMachineErrors.SignatureVerificationFailed, /signature two/),
  );
  const rawPath = { ...one, path: utf8("connections/connection-0") };
  assert.throws(
    () => client.verifyClientMessage(store, CLIENT, msg({ sequence: 1n, signatureOne: rawPath, signatureTwo: forged })),
    fails(ClientErrors.InvalidMisbehaviour, /not a MerklePath/),
  );
  assert.equal(client.status(store, CLIENT), "Active");
});

test("the signer's journal refuses to equivocate", () => {
  const signer = new SoloMachineSigner(key(3));
  const first = signer.proveMembership(at(4n), PATH, utf8("a"));
  // The identical request is idempotent (ed25519 is deterministic).
  assert.deepEqual(signer.proveMembership(at(4n), PATH, utf8("a")), first);
  assert.throws(
    () => signer.proveMembership(at(4n), PATH, utf8("b")),
    fails(SoloMachineErrors.InvalidSequence, /misbehaviour/),
  );
  assert.throws(
    () => signer.proveMembership(at(3n), PATH, utf8("a")),
    fails(SoloMachineErrors.InvalidSequence, /refusing/),
  );
  signer.proveMembership({ ...at(4n), replaceUndelivered: true }, PATH, utf8("b"));
  signer.proveMembership(at(5n), PATH, utf8("c"));
  // A batch signed at 6, 7, 8 that never reached the client (still at 6): re-signing rewinds the journal.
  for (const s of [6n, 7n, 8n]) signer.proveMembership(at(s), PATH, utf8(`batch ${s}`));
  assert.throws(() => signer.proveMembership(at(6n), PATH, utf8("other")), fails(SoloMachineErrors.InvalidSequence));
  signer.proveMembership({ ...at(6n), replaceUndelivered: true }, PATH, utf8("other"));
  assert.throws(() => signer.proveMembership(at(6n), PATH, utf8("batch 6")), fails(SoloMachineErrors.InvalidSequence));
  signer.proveMembership(at(7n), PATH, utf8("next"));
  // Other diversifiers have their own sequences.
  signer.proveMembership({ ...at(1n), diversifier: "beta" }, PATH, utf8("a"));
});

test("the journal is written once per reservation, and a restarted signer refuses everything it may have signed", () => {
  const store = new MemoryKv();
  let writes = 0;
  const journal = {
    get: (k: Uint8Array) => store.get(k),
    set: (k: Uint8Array, v: Uint8Array) => {
      writes++;
      store.set(k, v);
    },
  };
  const signer = new SoloMachineSigner(key(3), journal);
  const n = Number(JOURNAL_RESERVATION) + 6;
  for (let s = 1; s <= n; s++) signer.proveMembership(at(BigInt(s)), PATH, utf8(`m${s}`));
  assert.equal(writes, 2, "one durable write per reserved run of sequences");
  // Within the reservation, this signer still knows exactly what it signed.
  assert.throws(
    () => signer.proveMembership(at(BigInt(n)), PATH, utf8("other")),
    fails(SoloMachineErrors.InvalidSequence),
  );
  signer.proveMembership(at(BigInt(n)), PATH, utf8(`m${n}`)); // idempotent

  // Restarted: the journal only says "up to 2 × reservation". All of it is refused, beyond it is fine.
  const reserved = 2n * JOURNAL_RESERVATION;
  const restarted = new SoloMachineSigner(key(3), journal);
  for (const s of [BigInt(n), BigInt(n) + 1n, reserved]) {
    assert.throws(
      () => restarted.proveMembership(at(s), PATH, utf8("after restart")),
      fails(SoloMachineErrors.InvalidSequence, /before it restarted/),
    );
  }
  restarted.proveMembership(at(reserved + 1n), PATH, utf8("fresh"));
  assert.throws(
    () => restarted.proveMembership(at(reserved), PATH, utf8("x")),
    fails(SoloMachineErrors.InvalidSequence),
  );

  // A relayer that read the client at n + 1 says nothing from there was delivered: the unknown run is void from n + 1.
  const again = new SoloMachineSigner(key(3), journal);
  again.proveMembership({ ...at(BigInt(n) + 1n), replaceUndelivered: true }, PATH, utf8("re-signed"));
  again.proveMembership(at(BigInt(n) + 2n), PATH, utf8("next"));
  assert.throws(
    () => again.proveMembership(at(BigInt(n)), PATH, utf8("below")),
    fails(SoloMachineErrors.InvalidSequence),
  );
});

test("secp256k1 keys verify as the Cosmos SDK does (sha256, 64-byte r‖s, low S)", () => {
  const secret = key(5);
  const pub = decodePublicKey(secp256k1PublicKeyAny(secp256k1.getPublicKey(secret, true)));
  const message = utf8("sign me");
  const signature = secp256k1.sign(message, secret, { prehash: true, lowS: true });
  assert.equal(pub.verify(message, signature), true);
  assert.equal(pub.verify(utf8("other"), signature), false);
  assert.equal(pub.verify(message, signature.subarray(0, 63)), false);
  assert.throws(
    () => decodePublicKey({ typeUrl: "/cosmos.crypto.multisig.LegacyAminoPubKey", value: new Uint8Array() }),
    fails(ClientErrors.InvalidConsensus),
  );
  assert.throws(() => decodePublicKey(undefined), fails(ClientErrors.InvalidConsensus));
});

test("initialize: the client state must embed the given consensus state and pass validation", () => {
  const store = new IbcStore(new MemoryKv(), "ibc/");
  const client = new SoloMachineLightClient();
  const signer = new SoloMachineSigner(key(1));
  const init =
    (cs: ClientState, cons = cs.consensusState!) =>
    () =>
      client.initialize(store, CLIENT, ClientState.encode(cs).finish(), ConsensusState.encode(cons).finish());
  assert.throws(
    init(signer.clientState("alpha", T0), signer.consensusState("beta", T0)),
    fails(ClientErrors.InvalidConsensus, /does not equal/),
  );
  assert.throws(init(signer.clientState("alpha", T0, 0n)), fails(ClientErrors.InvalidClient, /sequence cannot be 0/));
  assert.throws(init(signer.clientState("alpha", 0n)), fails(ClientErrors.InvalidConsensus, /timestamp cannot be 0/));
  assert.throws(init(signer.clientState("  ", T0)), fails(ClientErrors.InvalidConsensus, /only spaces/));
  assert.equal(client.status(store, CLIENT), "Unknown");
  assert.throws(() => client.timestampAtHeight(store, CLIENT), fails(ClientErrors.ClientNotFound));
});
