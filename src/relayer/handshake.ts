import { MsgChannelOpenInitResponse, MsgChannelOpenTryResponse } from "cosmjs-types/ibc/core/channel/v1/tx";
import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import { type Order, State } from "../ibc/channel/types.js";
import { ZERO_HEIGHT } from "../ibc/client/height.js";
import { commitmentPrefixBytes } from "../ibc/commitment/merkle.js";
import { defaultVersion } from "../ibc/connection/version.js";
import { channelPath, connectionPath } from "../ibc/host/paths.js";
import type { ChainEndpoint } from "./chain.js";
import { eventAttribute } from "./events.js";
import { Prover } from "./prover.js";
import { submitOne, toAny } from "./submit.js";

/**
 * ICS-03 and ICS-04 handshakes driven by the relayer: each step is one transaction on one chain, proven to the
 * other with a solo-machine proof of the end the previous step wrote. Side "a" initiates.
 */

/** Per side: the client on that chain following the other. */
export interface ClientPair {
  a: string;
  b: string;
}

/** Per side: the connection id on that chain. */
export interface ConnectionPair {
  a: string;
  b: string;
}

export interface ChannelSide {
  portId: string;
  channelId: string;
}

export interface ChannelPair {
  a: ChannelSide;
  b: ChannelSide;
  version: string;
  order: Order;
}

/** An OPEN connection between the two clients, whose ends point at each other; the oldest if several. */
export async function findOpenConnection(
  a: ChainEndpoint,
  b: ChainEndpoint,
  clients: ClientPair,
): Promise<ConnectionPair | undefined> {
  const onB = await b.queryConnections();
  for (const end of await a.queryConnections()) {
    if (end.state !== ConnectionState.STATE_OPEN || end.clientId !== clients.a) continue;
    if (end.counterparty.clientId !== clients.b) continue;
    const other = onB.find((c) => c.id === end.counterparty.connectionId);
    if (
      other !== undefined &&
      other.state === ConnectionState.STATE_OPEN &&
      other.clientId === clients.b &&
      other.counterparty.clientId === clients.a &&
      other.counterparty.connectionId === end.id
    ) {
      return { a: end.id, b: other.id };
    }
  }
  return undefined;
}

async function connectionEnd(chain: ChainEndpoint, connectionId: string) {
  const end = (await chain.queryConnections()).find((c) => c.id === connectionId);
  if (end === undefined) throw new TypeError(`${chain.chainId} reported ${connectionId} but does not store it`);
  return end;
}

function connectionIdOf(events: Parameters<typeof eventAttribute>[0], type: string, chain: ChainEndpoint): string {
  const id = eventAttribute(events, type, "connection_id");
  if (id === undefined) throw new TypeError(`${chain.chainId} emitted no ${type} event with a connection_id`);
  return id;
}

/** The four steps of ICS-03: Init on a, Try on b, Ack on a, Confirm on b. */
export async function openConnection(a: ChainEndpoint, b: ChainEndpoint, clients: ClientPair): Promise<ConnectionPair> {
  const prefix = { keyPrefix: commitmentPrefixBytes() };
  const init = await submitOne(
    a,
    toAny({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenInit",
      value: {
        clientId: clients.a,
        counterparty: { clientId: clients.b, connectionId: "", prefix },
        version: undefined,
        delayPeriod: 0n,
        signer: a.signer,
      },
    }),
    "open a connection (init)",
  );
  const initId = connectionIdOf(init.events, "connection_open_init", a);
  const initEnd = await connectionEnd(a, initId);
  const initProof = await (await Prover.open(a, b, clients.b)).proveState(connectionPath(initId));
  const tried = await submitOne(
    b,
    toAny({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenTry",
      value: {
        clientId: clients.b,
        previousConnectionId: "",
        clientState: undefined,
        counterparty: { clientId: clients.a, connectionId: initId, prefix },
        delayPeriod: 0n,
        counterpartyVersions: initEnd.versions,
        proofHeight: initProof.proofHeight,
        proofInit: initProof.proof,
        // A solo machine proves neither its client nor its consensus state of the counterparty (ibc-go ≥ v9).
        proofClient: new Uint8Array(),
        proofConsensus: new Uint8Array(),
        consensusHeight: ZERO_HEIGHT,
        signer: b.signer,
        hostConsensusStateProof: new Uint8Array(),
      },
    }),
    "open a connection (try)",
  );
  const tryId = connectionIdOf(tried.events, "connection_open_try", b);
  const tryEnd = await connectionEnd(b, tryId);
  const tryProof = await (await Prover.open(b, a, clients.a)).proveState(connectionPath(tryId));
  await submitOne(
    a,
    toAny({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenAck",
      value: {
        connectionId: initId,
        counterpartyConnectionId: tryId,
        version: tryEnd.versions[0] ?? defaultVersion(),
        clientState: undefined,
        proofHeight: tryProof.proofHeight,
        proofTry: tryProof.proof,
        proofClient: new Uint8Array(),
        proofConsensus: new Uint8Array(),
        consensusHeight: ZERO_HEIGHT,
        signer: a.signer,
        hostConsensusStateProof: new Uint8Array(),
      },
    }),
    "open a connection (ack)",
  );
  const ackProof = await (await Prover.open(a, b, clients.b)).proveState(connectionPath(initId));
  await submitOne(
    b,
    toAny({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenConfirm",
      value: { connectionId: tryId, proofAck: ackProof.proof, proofHeight: ackProof.proofHeight, signer: b.signer },
    }),
    "open a connection (confirm)",
  );
  return { a: initId, b: tryId };
}

export interface ChannelRequest {
  portA: string;
  portB: string;
  /** The version side a proposes; the applications may negotiate another (e.g. "" lets ICS-20 choose ics20-1). */
  version: string;
  order: Order;
}

/** The four steps of ICS-04 over an open connection: Init on a, Try on b, Ack on a, Confirm on b. */
export async function openChannel(
  a: ChainEndpoint,
  b: ChainEndpoint,
  clients: ClientPair,
  connections: ConnectionPair,
  request: ChannelRequest,
): Promise<ChannelPair> {
  const { portA, portB, order } = request;
  const init = await submitOne(
    a,
    toAny({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
      value: {
        portId: portA,
        channel: {
          state: State.STATE_INIT,
          ordering: order,
          counterparty: { portId: portB, channelId: "" },
          connectionHops: [connections.a],
          version: request.version,
        },
        signer: a.signer,
      },
    }),
    `open a channel on ${portA} (init)`,
  );
  const { channelId: channelA, version: initVersion } = MsgChannelOpenInitResponse.decode(init.response.value);
  const initProof = await (await Prover.open(a, b, clients.b)).proveState(channelPath(portA, channelA));
  const tried = await submitOne(
    b,
    toAny({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenTry",
      value: {
        portId: portB,
        previousChannelId: "",
        channel: {
          state: State.STATE_TRYOPEN,
          ordering: order,
          counterparty: { portId: portA, channelId: channelA },
          connectionHops: [connections.b],
          version: "",
        },
        counterpartyVersion: initVersion,
        proofInit: initProof.proof,
        proofHeight: initProof.proofHeight,
        signer: b.signer,
      },
    }),
    `open a channel on ${portB} (try)`,
  );
  const { channelId: channelB, version } = MsgChannelOpenTryResponse.decode(tried.response.value);
  const tryProof = await (await Prover.open(b, a, clients.a)).proveState(channelPath(portB, channelB));
  await submitOne(
    a,
    toAny({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenAck",
      value: {
        portId: portA,
        channelId: channelA,
        counterpartyChannelId: channelB,
        counterpartyVersion: version,
        proofTry: tryProof.proof,
        proofHeight: tryProof.proofHeight,
        signer: a.signer,
      },
    }),
    `open a channel on ${portA} (ack)`,
  );
  const ackProof = await (await Prover.open(a, b, clients.b)).proveState(channelPath(portA, channelA));
  await submitOne(
    b,
    toAny({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenConfirm",
      value: {
        portId: portB,
        channelId: channelB,
        proofAck: ackProof.proof,
        proofHeight: ackProof.proofHeight,
        signer: b.signer,
      },
    }),
    `open a channel on ${portB} (confirm)`,
  );
  return { a: { portId: portA, channelId: channelA }, b: { portId: portB, channelId: channelB }, version, order };
}
