import type { IdentifiedChannel } from "cosmjs-types/ibc/core/channel/v1/channel";
import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import { type Order, State } from "../ibc/channel/types.js";
import type { ChainEndpoint } from "./chain.js";
import { clientsFollowing } from "./clients.js";

/**
 * The channels a relayer serves between two chains, found on the chains themselves (the relayer keeps no
 * configuration of its own): channel ends on connections whose clients follow each other's chain, and whose ends
 * point at each other. Half-open channels (INIT, TRYOPEN) carry no packets and are left alone.
 */
export interface LinkEnd {
  portId: string;
  channelId: string;
  state: State;
  ordering: Order;
  connectionId: string;
  /** The client on this end's chain that follows the other chain: the one proofs for this end are checked by. */
  clientId: string;
}

export interface ChannelLink {
  a: LinkEnd;
  b: LinkEnd;
}

/** The link seen from the chain that receives the relayer's messages (host) and the one that proves (source). */
export interface OrientedLink {
  host: LinkEnd;
  source: LinkEnd;
}

const carriesPackets = (state: State) => state === State.STATE_OPEN || state === State.STATE_CLOSED;

function linkEnd(channel: IdentifiedChannel, clientId: string): LinkEnd {
  return {
    portId: channel.portId,
    channelId: channel.channelId,
    state: channel.state,
    ordering: channel.ordering,
    connectionId: channel.connectionHops[0]!,
    clientId,
  };
}

export async function discoverLinks(a: ChainEndpoint, b: ChainEndpoint): Promise<ChannelLink[]> {
  const clientsOnA = new Set(await clientsFollowing(a, b, { includeFrozen: true }));
  const clientsOnB = new Set(await clientsFollowing(b, a, { includeFrozen: true }));
  const connectionsOnB = await b.queryConnections();
  // connection on a → [its counterpart on b, the clients of both]
  const connections = new Map<string, { b: string; clientA: string; clientB: string }>();
  for (const end of await a.queryConnections()) {
    if (end.state !== ConnectionState.STATE_OPEN || !clientsOnA.has(end.clientId)) continue;
    const other = connectionsOnB.find((c) => c.id === end.counterparty.connectionId);
    if (
      other !== undefined &&
      other.state === ConnectionState.STATE_OPEN &&
      clientsOnB.has(other.clientId) &&
      other.clientId === end.counterparty.clientId &&
      other.counterparty.clientId === end.clientId &&
      other.counterparty.connectionId === end.id
    ) {
      connections.set(end.id, { b: other.id, clientA: end.clientId, clientB: other.clientId });
    }
  }
  if (connections.size === 0) return [];
  const channelsOnB = await b.queryChannels();
  const links: ChannelLink[] = [];
  for (const x of await a.queryChannels()) {
    const connection = connections.get(x.connectionHops[0] ?? "");
    if (connection === undefined || !carriesPackets(x.state)) continue;
    const y = channelsOnB.find((c) => c.portId === x.counterparty.portId && c.channelId === x.counterparty.channelId);
    if (
      y !== undefined &&
      carriesPackets(y.state) &&
      y.connectionHops[0] === connection.b &&
      y.counterparty.portId === x.portId &&
      y.counterparty.channelId === x.channelId
    ) {
      links.push({ a: linkEnd(x, connection.clientA), b: linkEnd(y, connection.clientB) });
    }
  }
  return links;
}
