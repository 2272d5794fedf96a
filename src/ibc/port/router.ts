import { ibcError } from "../errors.js";
import { validatePortId } from "../host/identifiers.js";
import { PortErrors } from "./errors.js";
import type { IBCModule } from "./module.js";

/**
 * ICS-26 routing: port id → application module. Exact routes (`transfer`) win; otherwise the longest registered
 * prefix matches, so the node's wasm module owns every `wasm.<contract address>` port with one `wasm.` route.
 * (ibc-go falls back to substring matching of route names; a prefix is the deterministic form of what wasmd needs.)
 */
export class PortRouter {
  private readonly exact = new Map<string, IBCModule>();
  private readonly prefixes = new Map<string, IBCModule>();

  /** Binds one port id. */
  addRoute(portId: string, module: IBCModule): this {
    validatePortId(portId);
    if (this.exact.has(portId)) throw ibcError(PortErrors.PortExists, `port ${portId} is already bound`, { portId });
    this.exact.set(portId, module);
    return this;
  }

  /** Binds every port id starting with `prefix` (e.g. "wasm.") not bound exactly. */
  addPrefixRoute(prefix: string, module: IBCModule): this {
    if (prefix === "" || this.prefixes.has(prefix)) {
      throw ibcError(PortErrors.PortExists, `port prefix "${prefix}" is empty or already bound`, { prefix });
    }
    this.prefixes.set(prefix, module);
    return this;
  }

  /** The module for a port id, or undefined. */
  route(portId: string): IBCModule | undefined {
    const exact = this.exact.get(portId);
    if (exact !== undefined) return exact;
    let best: string | undefined;
    for (const prefix of this.prefixes.keys()) {
      if (
        portId.startsWith(prefix) &&
        portId.length > prefix.length &&
        (best === undefined || prefix.length > best.length)
      ) {
        best = prefix;
      }
    }
    return best === undefined ? undefined : this.prefixes.get(best);
  }

  /** The module for a port id; ibc-go's ErrInvalidRoute when none. */
  mustRoute(portId: string): IBCModule {
    const module = this.route(portId);
    if (module === undefined)
      throw ibcError(PortErrors.InvalidRoute, `route not found to portID: ${portId}`, { portId });
    return module;
  }

  /** Bound port ids and prefixes (`wasm.*`), sorted. */
  routes(): string[] {
    return [...this.exact.keys(), ...[...this.prefixes.keys()].map((p) => `${p}*`)].sort();
  }
}
