import type { Channel } from "../ibc/channel/types.js";
import { orderName, stateName } from "../ibc/channel/types.js";
import type { IbcContext } from "../ibc/context.js";
import { validateChannelId, validatePortId } from "../ibc/host/identifiers.js";
import * as queries from "../ibc/queries.js";
import { IbcError } from "../ibc/errors.js";
import type { Chain } from "./chain.js";
import { NodeError } from "./errors.js";

/**
 * The node's IBC read API for people and scripts (`plurigrid query ibc …`): ibc-go's query responses in their JSON
 * shape (snake_case, enums by name, u64 as strings), read from the committed state at the head, with the height
 * they were read at.
 */
export interface ChannelJson {
  state: string;
  ordering: string;
  counterparty: { port_id: string; channel_id: string };
  connection_hops: string[];
  version: string;
}

export interface HeightJson {
  revision_number: string;
  revision_height: string;
}

export class IbcQueries {
  constructor(readonly chain: Chain) {}

  private context(): IbcContext {
    const ctx = this.chain.queryContext();
    return this.chain.app.ibc.core.context(ctx.store, ctx.block, ctx);
  }

  private height(ctx: IbcContext): HeightJson {
    const h = ctx.selfHeight();
    return { revision_number: h.revisionNumber.toString(), revision_height: h.revisionHeight.toString() };
  }

  channels(): { channels: (ChannelJson & { port_id: string; channel_id: string })[]; height: HeightJson } {
    const ctx = this.context();
    const channels = queries
      .queryChannels(ctx)
      .map((c) => ({ ...channelJson(c), port_id: c.portId, channel_id: c.channelId }));
    return { channels, height: this.height(ctx) };
  }

  channel(portId: string, channelId: string): { channel: ChannelJson; height: HeightJson } {
    checkEnd(portId, channelId);
    const ctx = this.context();
    const channel = queries.queryChannel(ctx, portId, channelId);
    if (channel === undefined) {
      throw new NodeError("node.not_found", `no channel end ${portId}/${channelId}`, { portId, channelId });
    }
    return { channel: channelJson(channel), height: this.height(ctx) };
  }

  /** Packets sent on a channel and not yet acknowledged or timed out. */
  packetCommitments(
    portId: string,
    channelId: string,
  ): {
    commitments: { port_id: string; channel_id: string; sequence: string; data: string }[];
    height: HeightJson;
  } {
    checkEnd(portId, channelId);
    const ctx = this.context();
    const commitments = queries.queryPacketCommitments(ctx, portId, channelId).map((c) => ({
      port_id: portId,
      channel_id: channelId,
      sequence: c.sequence.toString(),
      data: Buffer.from(c.data).toString("base64"),
    }));
    return { commitments, height: this.height(ctx) };
  }

  /** Of the counterparty's commitments (`sequences`), those this receiving channel has not received. */
  unreceivedPackets(
    portId: string,
    channelId: string,
    sequences: bigint[],
  ): { sequences: string[]; height: HeightJson } {
    checkEnd(portId, channelId);
    const ctx = this.context();
    const unreceived = queries.queryUnreceivedPackets(ctx, portId, channelId, sequences);
    return { sequences: unreceived.map(String), height: this.height(ctx) };
  }

  /** Of the acks the counterparty wrote (`sequences`), those whose commitment this sending channel still holds. */
  unreceivedAcks(portId: string, channelId: string, sequences: bigint[]): { sequences: string[]; height: HeightJson } {
    checkEnd(portId, channelId);
    const ctx = this.context();
    const unreceived = queries.queryUnreceivedAcks(ctx, portId, channelId, sequences);
    return { sequences: unreceived.map(String), height: this.height(ctx) };
  }
}

function channelJson(channel: Channel): ChannelJson {
  return {
    state: stateName(channel.state),
    ordering: orderName(channel.ordering),
    counterparty: { port_id: channel.counterparty.portId, channel_id: channel.counterparty.channelId },
    connection_hops: channel.connectionHops,
    version: channel.version,
  };
}

/** Bad identifiers are the caller's mistake, reported as such. */
function checkEnd(portId: string, channelId: string): void {
  try {
    validatePortId(portId);
    validateChannelId(channelId);
  } catch (err) {
    if (err instanceof IbcError) throw new NodeError("node.invalid_argument", err.message, err.context);
    throw err;
  }
}
