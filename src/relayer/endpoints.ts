import type { ChainEndpoint } from "./chain.js";
import { RelayerError } from "./errors.js";

/**
 * Where the CLI gets a ChainEndpoint for a node's home directory (`--home-a`, `--home-b`). This is the one place the
 * node plugs into the relayer: once the node exposes its IbcCore, store and block production, this function opens
 * the home (in process now; a client of a running node's API later) and returns the endpoint.
 */
export function openChainEndpoint(home: string): Promise<ChainEndpoint> {
  return Promise.reject(
    new RelayerError(
      "relayer.node_integration_pending",
      `cannot open the node at ${home}: node integration pending (the relayer cannot reach a node's IBC state yet)`,
      { home },
    ),
  );
}

export type ChainEndpointOpener = (home: string) => Promise<ChainEndpoint>;
