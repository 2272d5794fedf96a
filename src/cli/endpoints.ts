import { NodeHome } from "../node/home.js";
import { openNodeEndpoint } from "../node/ibc_endpoint.js";
import type { ChainEndpoint } from "../relayer/chain.js";

/**
 * Where the CLI gets a ChainEndpoint for a node's home directory (`--home-a`, `--home-b`). This is the one place the
 * node plugs into the relayer, and it lives in the CLI because the relayer must not depend on the node: the home is
 * opened in process (local mode; the endpoint holds its store exclusively until closed), its relayer txs signed by
 * the home's `relayer` key, or `operator` when it has none. A client of a running node's API can take its place
 * later without the relayer noticing.
 */
export function openChainEndpoint(home: string): Promise<ChainEndpoint> {
  return openNodeEndpoint(new NodeHome(home), { lockTimeoutMs: HOME_LOCK_WAIT_MS });
}

/**
 * How long a CLI command waits for a home another command holds (`relay start` opens the homes for each pass and
 * releases them in between, so a `tx` or `query` run meanwhile waits for the pass instead of failing).
 */
export const HOME_LOCK_WAIT_MS = 10_000;
