import type { Any } from "cosmjs-types/google/protobuf/any";
import type { ExecContext } from "./context.js";
import { sdkErrors } from "./errors.js";
import { type Event, EventManager } from "./events.js";

/** A message's response, as a protobuf Any (what TxMsgData.msg_responses and Reply.msg_responses carry). */
export interface MsgResponse {
  typeUrl: string;
  value: Uint8Array;
}

/**
 * One message type a module handles (a Cosmos SDK Msg service method): how to decode it from its Any, who must sign
 * it, its stateless checks, and its handler. Routes are how modules plug into the node: the tx pipeline and contract
 * submessages both reach modules only through the router.
 */
export interface MsgRoute<T> {
  /** e.g. "/cosmos.bank.v1beta1.MsgSend" */
  readonly typeUrl: string;
  decode(bytes: Uint8Array): T;
  encode(msg: T): Uint8Array;
  /** Bech32 addresses that must sign, in order (the SDK's GetSigners / cosmos.msg.v1.signer). */
  signers(msg: T): string[];
  /** Stateless checks (ValidateBasic); throws an AbciError. */
  validateBasic(msg: T): void;
  handle(ctx: ExecContext, msg: T): MsgResponse;
  /** The message as JSON for people (query tx); defaults to the protobuf JSON mapping. */
  toJSON?(msg: T): unknown;
}

/** A message decoded by its route: the pair keeps the value's type tied to the route that understands it. */
export interface RoutedMsg {
  readonly typeUrl: string;
  readonly value: unknown;
  readonly route: MsgRoute<unknown>;
}

/** What running one message produced (sdk.Result): its response, and the events its handler emitted. */
export interface MsgResult {
  /** The marshalled response (sdk.Result.Data; wasmd hands it to contracts as SubMsgResponse.data). */
  data: Uint8Array;
  msgResponses: MsgResponse[];
  events: Event[];
}

export function defineRoute<T>(route: MsgRoute<T>): MsgRoute<unknown> {
  return route as MsgRoute<unknown>;
}

/** Type URL → route (baseapp's MsgServiceRouter). */
export class MsgRouter {
  private readonly routes = new Map<string, MsgRoute<unknown>>();

  register(route: MsgRoute<unknown>): void {
    if (this.routes.has(route.typeUrl)) {
      throw sdkErrors.internal.wrap(`a route for ${route.typeUrl} is already registered`);
    }
    this.routes.set(route.typeUrl, route);
  }

  has(typeUrl: string): boolean {
    return this.routes.has(typeUrl);
  }

  /** Registered type URLs, sorted (for error messages and docs). */
  get typeUrls(): string[] {
    return [...this.routes.keys()].sort();
  }

  /** Decodes an Any into a routed message; unknown type URLs and undecodable bytes are tx parse errors. */
  decode(any: Any): RoutedMsg {
    const route = this.routes.get(any.typeUrl);
    if (!route) throw sdkErrors.txDecode.wrap(`unable to resolve type URL ${any.typeUrl}`);
    let value: unknown;
    try {
      value = route.decode(any.value);
    } catch (err) {
      throw sdkErrors.txDecode.wrap(`cannot decode ${any.typeUrl}: ${(err as Error).message}`);
    }
    return { typeUrl: any.typeUrl, value, route };
  }

  /** Wraps a value built in code (e.g. from a contract's CosmosMsg) with its route. */
  routed<T>(typeUrl: string, value: T): RoutedMsg {
    const route = this.routes.get(typeUrl);
    if (!route) throw sdkErrors.unknownRequest.wrap(`can't route message ${typeUrl}`);
    return { typeUrl, value, route };
  }

  /**
   * Runs the handler with a fresh event manager and wraps its answer as sdk.WrapServiceResult does: the events it
   * emitted, the marshalled response as data, and the response as the one msg response. State changes stay in
   * `ctx`'s branch; committing or dropping them is the caller's business.
   */
  dispatch(ctx: ExecContext, msg: RoutedMsg): MsgResult {
    const events = new EventManager();
    const response = msg.route.handle(ctx.withEvents(events), msg.value);
    return { data: response.value, msgResponses: [response], events: [...events.events] };
  }
}

/** cosmos-sdk GetModuleNameFromTypeURL: "/cosmos.bank.v1beta1.MsgSend" → "bank". */
export function moduleNameOf(typeUrl: string): string {
  const parts = typeUrl.split(".");
  return parts.length > 1 ? parts[1] : "";
}
