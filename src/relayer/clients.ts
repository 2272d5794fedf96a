import { Any } from "cosmjs-types/google/protobuf/any";
import { MsgCreateClientResponse } from "cosmjs-types/ibc/core/client/v1/tx";
import { bytesEqual } from "../ibc/bytes.js";
import {
  CLIENT_STATE_TYPE_URL,
  decodeClientState,
  decodeConsensusState,
} from "../ibc/client/solomachine/client-state.js";
import type { ChainEndpoint } from "./chain.js";
import { RelayerError } from "./errors.js";
import { submitOne, toAny } from "./submit.js";

/**
 * The clients of a path: on each chain, a solo-machine client following the other. A solo machine's client is
 * identified by the public key it checks signatures with and its diversifier; each client gets a diversifier of its
 * own (`{source}>{host}#{n}`), because the source's signer journal is kept per diversifier and two clients sharing
 * one would replay each other's signatures.
 */

/** What the relayer reads from a host's solo-machine client of a source before asking the source for proofs. */
export interface SoloMachineClientView {
  clientId: string;
  /** The sequence the next proof must be signed at (the client's latest height). */
  sequence: bigint;
  diversifier: string;
  /** The source's time as the client knows it (timeouts by timestamp are judged against it). */
  timestampNs: bigint;
  frozen: boolean;
  publicKey: Any;
}

export function soloMachineClientView(clientId: string, clientState: Any): SoloMachineClientView | undefined {
  if (clientState.typeUrl !== CLIENT_STATE_TYPE_URL) return undefined;
  const decoded = decodeClientState(clientState.value);
  const consensus = decoded.consensusState;
  if (consensus?.publicKey === undefined) return undefined;
  return {
    clientId,
    sequence: decoded.sequence,
    diversifier: consensus.diversifier,
    timestampNs: consensus.timestamp,
    frozen: decoded.isFrozen,
    publicKey: consensus.publicKey,
  };
}

/** The host's client `clientId`, which must be a solo machine that is not frozen. */
export async function readClient(host: ChainEndpoint, clientId: string): Promise<SoloMachineClientView> {
  const stored = await host.queryClientState(clientId);
  const view = stored === undefined ? undefined : soloMachineClientView(clientId, stored);
  if (view === undefined) {
    throw new RelayerError("relayer.client_not_found", `${host.chainId} has no solo-machine client ${clientId}`, {
      chainId: host.chainId,
      clientId,
    });
  }
  if (view.frozen) {
    throw new RelayerError(
      "relayer.client_frozen",
      `client ${clientId} on ${host.chainId} is frozen; nothing can be proven to it`,
      { chainId: host.chainId, clientId },
    );
  }
  return view;
}

function diversifierPrefix(source: ChainEndpoint, host: ChainEndpoint): string {
  return `${source.chainId}>${host.chainId}#`;
}

/** The source's public key, as its self client state carries it (building those states signs nothing). */
async function publicKeyOf(source: ChainEndpoint): Promise<Any> {
  const { consensusState } = await source.selfClientStates(`${source.chainId}>?`);
  const key = decodeConsensusState(consensusState.value).publicKey;
  if (key === undefined) throw new TypeError(`${source.chainId} reports a consensus state without a public key`);
  return key;
}

/** Whether `view` follows `source` (checks the source's key, and that the diversifier is one this relayer gives). */
export function follows(view: SoloMachineClientView, source: ChainEndpoint, host: ChainEndpoint, key: Any): boolean {
  return (
    bytesEqual(Any.encode(view.publicKey).finish(), Any.encode(key).finish()) &&
    view.diversifier.startsWith(diversifierPrefix(source, host))
  );
}

/**
 * Ids of the host's clients following `source`, oldest first: only active ones (what new connections may use),
 * or frozen ones too (channels over a frozen client still exist, and relaying them must say why it cannot).
 */
export async function clientsFollowing(
  host: ChainEndpoint,
  source: ChainEndpoint,
  options: { includeFrozen?: boolean } = {},
): Promise<string[]> {
  const key = await publicKeyOf(source);
  const out: string[] = [];
  for (const { clientId, clientState } of await host.queryClientStates()) {
    const view = soloMachineClientView(clientId, clientState);
    if (view === undefined || (view.frozen && options.includeFrozen !== true)) continue;
    if (follows(view, source, host, key)) out.push(clientId);
  }
  return out;
}

/** Creates a client of `source` on `host` with a fresh diversifier; returns its id. */
export async function createClient(host: ChainEndpoint, source: ChainEndpoint): Promise<string> {
  const used = new Set<string>();
  const existing = await host.queryClientStates();
  for (const { clientId, clientState } of existing) {
    const view = soloMachineClientView(clientId, clientState);
    if (view !== undefined) used.add(view.diversifier);
  }
  let n = existing.length;
  while (used.has(`${diversifierPrefix(source, host)}${n}`)) n++;
  const diversifier = `${diversifierPrefix(source, host)}${n}`;
  const states = await source.selfClientStates(diversifier);
  const result = await submitOne(
    host,
    toAny({
      typeUrl: "/ibc.core.client.v1.MsgCreateClient",
      value: { clientState: states.clientState, consensusState: states.consensusState, signer: host.signer },
    }),
    `create a client of ${source.chainId}`,
  );
  return MsgCreateClientResponse.decode(result.response.value).clientId;
}
