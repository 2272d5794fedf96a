/**
 * The peer of `npm run bench:ibc`: cw20-ics20 round trips on Oraichain's cw-simulate (`@oraichain/cw-simulate` 2.8.x)
 * with its own IBC support (`app.ibc`, src/modules/ibc.ts), on the workload of ./ics20_workload.ts: chain A runs
 * cw20-base and cw20-ics20, chain B runs cw20-ics20, both `CWSimulateApp`s with metering off (cw-simulate's default
 * and its fastest setting).
 *
 * What cw-simulate's IBC module does, and what we call:
 *
 * - `a.ibc.relay(channelA, portA, channelB, portB, b)` records, in module-global maps keyed by chain id and channel
 *   id, which chain and port each channel end leads to. There is no client, connection or channel state anywhere.
 * - A contract's `IbcMsg::SendPacket` (here, cw20-ics20's on A) is handled by `a.ibc.handleMsg` INSIDE the sending
 *   transaction: it calls the destination contract's `ibc_packet_receive` on B at once (an event emitter hop with a
 *   2 s timer) and runs its submessages. No packet commitment, no proof, no receipt, no timeout check; the packet's
 *   sequence is a per-module counter starting at 0. The acknowledgement B's contract returns is dropped: cw-simulate
 *   never delivers it to the sender.
 * - cw-simulate's `sendChannelOpen` / `sendChannelConnect` / `sendPacketAck` route a message by the channel given in
 *   the message but call the contract at its COUNTERPARTY end, so the contract would see the channel or packet from
 *   the other side (cw20-ics20 then records the wrong channel id, and on an error ack refunds on the wrong channel).
 *   We therefore use the dispatch those methods share, the IBC module's (TypeScript-protected) `sendMsg(type,
 *   endpoint, counterpartyEndpoint, data)`, with the endpoints oriented so the right contract gets the message as
 *   CosmWasm defines it. That is cw-simulate's own relay path (`handleRelayMsg`: the contract's IBC entry point, then
 *   `wasm.handleIbcResponse` for its submessages, then the chain's middlewares), the same path the receive takes.
 * - The acknowledgement is captured with `b.ibc.addMiddleWare` (called after every message delivered to B, with the
 *   contract's response) and delivered to A's `ibc_packet_ack` by that dispatch, outside any block. Errors of the
 *   ack's submessages are ignored by cw-simulate (`handleIbcResponse` drops the result), which is why the end-state
 *   check matters.
 *
 * One round trip: `a.wasm.executeContract` of cw20-base `send` (a new block on A; the receive on B runs inside it),
 * then the ack dispatch to A. Every call that returns an error throws; the acknowledgement must be cw20-ics20's
 * error ack (see ./ics20_workload.ts: cw20-ics20 on B refuses foreign tokens) and `state()` feeds checkRoundTrips.
 */
import { toBech32 } from "@cosmjs/encoding";
import { CWSimulateApp, type AppResponse, type IbcEndpoint, type IbcPacket } from "@oraichain/cw-simulate";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  cw20AmountIn,
  cw20InstantiateMsg,
  cw20SendMsg,
  ICS20_VERSION,
  ics20InstantiateMsg,
  type Ics20ChannelResponse,
  loadCw20Ics20Wasms,
  ROUND_TRIP_AMOUNT,
  type RoundTripState,
} from "./ics20_workload.js";

export class CwSimulateIbcError extends Error {
  override name = "CwSimulateIbcError";
}

interface TsResult<T> {
  readonly err: boolean;
  readonly val: T | string;
}

function unwrap<T>(operation: string, r: TsResult<T>): T {
  if (r.err) throw new CwSimulateIbcError(`${operation}: cw-simulate error: ${String(r.val)}`);
  return r.val as T;
}

type IbcMessageType =
  "ibc_channel_open" | "ibc_channel_connect" | "ibc_packet_receive" | "ibc_packet_ack" | "ibc_packet_timeout";

/** The dispatch behind every `send…` method of cw-simulate's IbcModule (protected in its typings). */
interface IbcDispatch {
  sendMsg<T>(type: IbcMessageType, endpoint: IbcEndpoint, counterpartyEndpoint: IbcEndpoint, data: unknown): Promise<T>;
}

/** A message cw-simulate hands a middleware. */
interface RelayedMessage {
  type: string;
  data: unknown;
}

export interface CwSimulateIbcOptions {
  /** cw-simulate metering (default false, its default). */
  metering?: boolean;
  /** bech32 prefix of both apps (default "wasm"). */
  prefix?: string;
}

export interface CwSimulateIbcPair {
  readonly a: CWSimulateApp;
  readonly b: CWSimulateApp;
  readonly cw20: string;
  readonly ics20A: string;
  readonly ics20B: string;
  readonly endpointA: IbcEndpoint;
  readonly endpointB: IbcEndpoint;
  readonly sender: string;
  readonly receiver: string;
  /** Round trips completed. */
  readonly roundTrips: number;
  /** cw20 send on A (the receive on B runs inside it), then the acknowledgement delivered to A's cw20-ics20. */
  roundTrip(): Promise<void>;
  /** The end state, for checkRoundTrips. */
  state(): RoundTripState;
}

let pairs = 0;

function address(prefix: string, name: string): string {
  return toBech32(prefix, sha256(new TextEncoder().encode(`plurigrid/bench/ibc/${name}`)).subarray(0, 20));
}

function contractAddress(res: AppResponse): string {
  const found = res.events[0]?.attributes.find((a) => a.key === "_contract_address")?.value;
  if (found === undefined) throw new CwSimulateIbcError("instantiate did not report _contract_address");
  return found;
}

/**
 * Two fresh apps, the contracts instantiated, the channel relayed and opened (the four handshake entry points of
 * both cw20-ics20s, through cw-simulate's dispatch), and the middleware that captures B's acknowledgements.
 */
export async function createCwSimulateIbcPair(options: CwSimulateIbcOptions = {}): Promise<CwSimulateIbcPair> {
  const prefix = options.prefix ?? "wasm";
  // cw-simulate's relay tables are module-global and keyed by chain id: every pair gets its own ids.
  const n = ++pairs;
  const app = (side: string) =>
    new CWSimulateApp({ chainId: `cwsim-${side}${n}-1`, bech32Prefix: prefix, metering: options.metering ?? false });
  const a = app("a");
  const b = app("b");
  const sender = address(prefix, "sender");
  const receiver = address(prefix, "receiver");
  const gov = address(prefix, "gov");
  const wasms = loadCw20Ics20Wasms();

  const cw20Code = unwrap("store cw20-base", a.wasm.storeCode(sender, wasms.cw20Base));
  const ics20CodeA = unwrap("store cw20-ics20 on A", a.wasm.storeCode(sender, wasms.cw20Ics20));
  const ics20CodeB = unwrap("store cw20-ics20 on B", b.wasm.storeCode(sender, wasms.cw20Ics20));
  const cw20 = contractAddress(
    unwrap(
      "instantiate cw20-base",
      await a.wasm.instantiateContract(sender, [], cw20Code, cw20InstantiateMsg(sender), "cw20-base"),
    ),
  );
  const ics20A = contractAddress(
    unwrap(
      "instantiate cw20-ics20 on A",
      await a.wasm.instantiateContract(sender, [], ics20CodeA, ics20InstantiateMsg(gov, cw20), "cw20-ics20"),
    ),
  );
  const ics20B = contractAddress(
    unwrap(
      "instantiate cw20-ics20 on B",
      await b.wasm.instantiateContract(sender, [], ics20CodeB, ics20InstantiateMsg(gov), "cw20-ics20"),
    ),
  );

  // Different channel ids on the two ends, so a message oriented the wrong way cannot go unnoticed.
  const endpointA: IbcEndpoint = { port_id: `wasm.${ics20A}`, channel_id: "channel-0" };
  const endpointB: IbcEndpoint = { port_id: `wasm.${ics20B}`, channel_id: "channel-7" };
  a.ibc.relay(endpointA.channel_id, endpointA.port_id, endpointB.channel_id, endpointB.port_id, b);
  const dispatchA = a.ibc as unknown as IbcDispatch;
  const dispatchB = b.ibc as unknown as IbcDispatch;
  /** Delivers `data` to the contract at A's end (dispatched from B's end), and the reverse. */
  const toA = <T>(type: IbcMessageType, data: unknown) => dispatchB.sendMsg<T>(type, endpointB, endpointA, data);
  const toB = <T>(type: IbcMessageType, data: unknown) => dispatchA.sendMsg<T>(type, endpointA, endpointB, data);

  const channelOf = (self: IbcEndpoint, other: IbcEndpoint) => ({
    endpoint: self,
    counterparty_endpoint: other,
    order: "ORDER_UNORDERED",
    version: ICS20_VERSION,
    connection_id: "connection-0",
  });
  const channelA = channelOf(endpointA, endpointB);
  const channelB = channelOf(endpointB, endpointA);
  await toA("ibc_channel_open", { open_init: { channel: channelA } });
  await toB("ibc_channel_open", { open_try: { channel: channelB, counterparty_version: ICS20_VERSION } });
  await toA("ibc_channel_connect", { open_ack: { channel: channelA, counterparty_version: ICS20_VERSION } });
  await toB("ibc_channel_connect", { open_confirm: { channel: channelB } });

  // relay() resets the chains' middlewares, so this comes after it.
  let received: { packet: IbcPacket; acknowledgement: string } | undefined;
  b.ibc.addMiddleWare((msg: RelayedMessage, response: unknown) => {
    if (msg.type !== "ibc_packet_receive") return;
    const { packet } = msg.data as { packet: IbcPacket };
    const { acknowledgement } = response as { acknowledgement?: string | null };
    if (typeof acknowledgement !== "string") {
      throw new CwSimulateIbcError(`B's receive of packet ${packet.sequence} wrote no acknowledgement`);
    }
    if (received !== undefined) throw new CwSimulateIbcError("two receives on B in one round trip");
    received = { packet, acknowledgement };
  });

  const send = cw20SendMsg(ics20A, endpointA.channel_id, receiver, ROUND_TRIP_AMOUNT);
  const acknowledgements: string[] = [];
  let roundTrips = 0;
  const query = <T>(app: CWSimulateApp, contract: string, msg: object): T =>
    unwrap("query", app.wasm.query(contract, msg) as TsResult<T>);
  const cw20Balance = (holder: string) =>
    BigInt(query<{ balance: string }>(a, cw20, { balance: { address: holder } }).balance);

  return {
    a,
    b,
    cw20,
    ics20A,
    ics20B,
    endpointA,
    endpointB,
    sender,
    receiver,
    get roundTrips() {
      return roundTrips;
    },
    async roundTrip() {
      received = undefined;
      // Transfer on A; cw-simulate runs B's receive inside it.
      unwrap("cw20 send on A", await a.wasm.executeContract(sender, [], cw20, send));
      const delivered = received as { packet: IbcPacket; acknowledgement: string } | undefined;
      received = undefined;
      if (delivered === undefined) throw new CwSimulateIbcError("the packet never reached B");
      // The acknowledgement back to A's cw20-ics20 (cw-simulate does not deliver it itself).
      await toA("ibc_packet_ack", {
        acknowledgement: { data: delivered.acknowledgement },
        original_packet: delivered.packet,
        relayer: sender,
      });
      acknowledgements.push(delivered.acknowledgement);
      roundTrips++;
    },
    state(): RoundTripState {
      const channel = query<Ics20ChannelResponse>(a, ics20A, { channel: { id: endpointA.channel_id } });
      return {
        senderBalance: cw20Balance(sender),
        escrowBalance: cw20Balance(ics20A),
        outstanding: cw20AmountIn(channel.balances, cw20),
        totalSent: cw20AmountIn(channel.total_sent, cw20),
        acknowledgements: acknowledgements.map((ack) => Buffer.from(ack, "base64").toString("utf8")),
      };
    },
  };
}
