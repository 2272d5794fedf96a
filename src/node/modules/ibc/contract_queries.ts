import type { IbcCore } from "../../../ibc/core.js";
import { State } from "../../../ibc/channel/types.js";
import { queryChannel, queryChannels } from "../../../ibc/queries.js";
import type { IbcChannel } from "../../../vm/types.js";
import type { ContractQueryHandler } from "../wasm/querier.js";
import { UnsupportedQuery } from "../wasm/querier.js";
import type { WasmKeeper } from "../wasm/keeper.js";
import { singleVariant } from "../wasm/messenger.js";
import { contractChannel } from "./convert.js";
import { ibcContextOf } from "./context.js";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * Contracts' `{"ibc": …}` queries (wasmd's IBCQuerier): `port_id {}` (the caller's port, "" without one),
 * `channel {channel_id, port_id?}` (an OPEN channel end or null; the port defaults to the caller's) and
 * `list_channels {port_id?}` (the OPEN channel ends of a port, by default the caller's).
 */
export function contractIbcQueries(core: IbcCore, keeper: WasmKeeper): ContractQueryHandler {
  return (ctx, caller, body) => {
    const [variant, inner] = singleVariant(body);
    const o = (inner !== null && typeof inner === "object" && !Array.isArray(inner) ? inner : {}) as Record<
      string,
      unknown
    >;
    const ownPort = () => keeper.contractInfo(ctx, caller)?.ibcPortId ?? "";
    const ibc = ibcContextOf(core, ctx);
    switch (variant) {
      case "port_id":
        return json({ port_id: ownPort() });
      case "channel": {
        const channelId = typeof o.channel_id === "string" ? o.channel_id : "";
        const portId = typeof o.port_id === "string" && o.port_id !== "" ? o.port_id : ownPort();
        const channel = queryChannel(ibc, portId, channelId);
        return json({
          channel:
            channel !== undefined && channel.state === State.STATE_OPEN
              ? contractChannel(portId, channelId, channel)
              : null,
        });
      }
      case "list_channels": {
        const portId = typeof o.port_id === "string" && o.port_id !== "" ? o.port_id : ownPort();
        const channels: IbcChannel[] =
          portId === ""
            ? []
            : queryChannels(ibc)
                .filter((c) => c.portId === portId && c.state === State.STATE_OPEN)
                .map((c) => contractChannel(c.portId, c.channelId, c));
        return json({ channels });
      }
      default:
        throw new UnsupportedQuery("unknown IbcQuery variant");
    }
  };
}
