import type { Any } from "cosmjs-types/google/protobuf/any";
import type { MerklePath } from "../commitment/merkle.js";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import { ClientErrors } from "./errors.js";
import { formatClientId, isGeneratedClientId, parseClientId } from "../host/identifiers.js";
import { NEXT_CLIENT_SEQUENCE_PATH } from "../host/paths.js";
import { clientMisbehaviourEvents, createClientEvents, updateClientEvents } from "./events.js";
import { type Height, ZERO_HEIGHT } from "./height.js";
import type { ClientStatus, LightClientModule } from "./light-client.js";

/**
 * ICS-02 (ibc-go 02-client/keeper): creates clients with generated ids, routes updates and proof verification to
 * the light client module of the client's type, refuses to use a client that is not Active.
 */
export class ClientKeeper {
  private readonly modules = new Map<string, LightClientModule>();

  constructor(modules: LightClientModule[]) {
    for (const module of modules) this.modules.set(module.clientType, module);
  }

  /** The module for a client id (`{clientType}-{N}`). */
  route(clientId: string): LightClientModule {
    const { clientType } = parseClientId(clientId);
    const module = this.modules.get(clientType);
    if (module === undefined) throw ibcError(ClientErrors.RouteNotFound, `no light client module for ${clientId}`);
    return module;
  }

  /** The module for a client id, or undefined when the id is malformed or its type unknown. */
  private find(clientId: string): LightClientModule | undefined {
    return isGeneratedClientId(clientId) ? this.modules.get(parseClientId(clientId).clientType) : undefined;
  }

  private moduleForClientState(typeUrl: string): LightClientModule {
    for (const module of this.modules.values()) if (module.clientStateTypeUrl === typeUrl) return module;
    throw ibcError(ClientErrors.ClientTypeNotSupported, `client state type ${typeUrl} is not supported`, { typeUrl });
  }

  createClient(ctx: IbcContext, clientState: Any, consensusState: Any): string {
    const module = this.moduleForClientState(clientState.typeUrl);
    const sequence = ctx.ibc.getUint64(NEXT_CLIENT_SEQUENCE_PATH) ?? 0n;
    const clientId = formatClientId(module.clientType, sequence);
    ctx.ibc.setUint64(NEXT_CLIENT_SEQUENCE_PATH, sequence + 1n);
    module.initialize(ctx.ibc, clientId, clientState.value, consensusState.value);
    const status = module.status(ctx.ibc, clientId);
    if (status !== "Active") {
      throw ibcError(ClientErrors.ClientNotActive, `cannot create client (${clientId}) with status ${status}`);
    }
    ctx.emit(...createClientEvents(clientId, module.clientType, module.latestHeight(ctx.ibc, clientId)));
    return clientId;
  }

  /** A header updates the client; misbehaviour freezes it. Either way the message is verified first. */
  updateClient(ctx: IbcContext, clientId: string, message: Any): { misbehaviour: boolean; heights: Height[] } {
    const module = this.route(clientId);
    this.requireActive(ctx, clientId, "update");
    module.verifyClientMessage(ctx.ibc, clientId, message);
    if (module.checkForMisbehaviour(ctx.ibc, clientId, message)) {
      module.updateStateOnMisbehaviour(ctx.ibc, clientId, message);
      ctx.emit(...clientMisbehaviourEvents(clientId, module.clientType));
      return { misbehaviour: true, heights: [] };
    }
    const heights = module.updateState(ctx.ibc, clientId, message);
    ctx.emit(...updateClientEvents(clientId, module.clientType, heights));
    return { misbehaviour: false, heights };
  }

  /** "Unknown" for clients that do not exist or whose type has no module (ibc-go returns Unauthorized there). */
  status(ctx: IbcContext, clientId: string): ClientStatus {
    return this.find(clientId)?.status(ctx.ibc, clientId) ?? "Unknown";
  }

  requireActive(ctx: IbcContext, clientId: string, action: string): void {
    const status = this.status(ctx, clientId);
    if (status !== "Active") {
      throw ibcError(
        ClientErrors.ClientNotActive,
        `cannot ${action} using client ${clientId}: its status is ${status}`,
        {
          clientId,
          status,
        },
      );
    }
  }

  exists(ctx: IbcContext, clientId: string): boolean {
    return this.status(ctx, clientId) !== "Unknown";
  }

  /** Zero for unknown clients, as ibc-go's GetClientLatestHeight. */
  latestHeight(ctx: IbcContext, clientId: string): Height {
    return this.find(clientId)?.latestHeight(ctx.ibc, clientId) ?? ZERO_HEIGHT;
  }

  timestampAtHeight(ctx: IbcContext, clientId: string, height: Height): bigint {
    return this.route(clientId).timestampAtHeight(ctx.ibc, clientId, height);
  }

  verifyMembership(
    ctx: IbcContext,
    clientId: string,
    proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
    value: Uint8Array,
  ): void {
    const module = this.route(clientId);
    this.requireActive(ctx, clientId, "verify membership");
    module.verifyMembership(ctx.ibc, clientId, proofHeight, proof, path, value);
  }

  verifyNonMembership(
    ctx: IbcContext,
    clientId: string,
    proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
  ): void {
    const module = this.route(clientId);
    this.requireActive(ctx, clientId, "verify non-membership");
    module.verifyNonMembership(ctx.ibc, clientId, proofHeight, proof, path);
  }

  validateClientMessage(clientId: string, message: Any): void {
    this.route(clientId).validateClientMessage(message);
  }
}
