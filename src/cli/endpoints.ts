import { resolve } from "node:path";
import { NodeHome } from "../node/home.js";
import { openNodeEndpoint } from "../node/ibc_endpoint.js";
import type { ChainEndpoint } from "../relayer/chain.js";
import { Bech32Api } from "../vm/api.js";
import { Vm } from "../vm/vm.js";

/**
 * Where the CLI gets a ChainEndpoint for a node's home directory (`--home-a`, `--home-b`). This is the one place the
 * node plugs into the relayer, and it lives in the CLI because the relayer must not depend on the node: the home is
 * opened in process (local mode; the endpoint holds its store exclusively until closed), its relayer txs signed by
 * the home's `relayer` key, or `operator` when it has none. A client of a running node's API can take its place
 * later without the relayer noticing.
 */
export function openChainEndpoint(home: string): Promise<ChainEndpoint> {
  const nodeHome = new NodeHome(home);
  return openNodeEndpoint(nodeHome, { lockTimeoutMs: HOME_LOCK_WAIT_MS, vm: engineFor(nodeHome) });
}

/**
 * One contract engine per home for the life of the process: `relay start` opens the homes again for every pass, and
 * compiling the contracts again each time would cost more than relaying. Keyed by the genesis too, so a home set up
 * anew in the meantime gets a fresh engine.
 */
const engines = new Map<string, Vm>();

function engineFor(home: NodeHome): Vm {
  const genesis = home.readGenesis();
  const prefix = genesis.app_state.bech32_prefix;
  const key = JSON.stringify([resolve(home.dir), genesis.chain_id, genesis.genesis_time, prefix]);
  let vm = engines.get(key);
  if (vm === undefined) {
    vm = new Vm({ api: new Bech32Api(prefix) });
    engines.set(key, vm);
  }
  return vm;
}

/**
 * How long a CLI command waits for a home another command holds (`relay start` opens the homes for each pass and
 * releases them in between, so a `tx` or `query` run meanwhile waits for the pass instead of failing).
 */
export const HOME_LOCK_WAIT_MS = 10_000;
