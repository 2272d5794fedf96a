import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openChainEndpoint } from "../../src/cli/endpoints.js";
import { initHome, NodeEndpoint } from "../../src/node/index.js";

async function home(root: string, name: string, chainId: string): Promise<string> {
  const dir = join(root, name);
  await initHome(dir, {
    chainId,
    denom: "ugrid",
    supply: 1_000_000n,
    prefix: "grid",
    genesisTimeNs: 1_767_225_600_000_000_000n,
    nodeKeySecret: randomBytes(32),
    operator: { entropy: randomBytes(32) },
  });
  return dir;
}

test("a home reopened by the CLI in one process keeps its contract engine (compiled contracts survive a pass)", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "plurigrid-endpoints-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const alpha = await home(root, "alpha", "alpha-1");
  const beta = await home(root, "beta", "beta-1");
  const engineOf = async (dir: string) => {
    const endpoint = await openChainEndpoint(dir);
    try {
      assert.ok(endpoint instanceof NodeEndpoint);
      return endpoint.chain.app.vm;
    } finally {
      await endpoint.close?.();
    }
  };
  const first = await engineOf(alpha);
  assert.equal(await engineOf(alpha), first, "the same engine on the second opening");
  assert.notEqual(await engineOf(beta), first, "each home has its own");

  // A home set up anew (another genesis) gets a new engine.
  rmSync(alpha, { recursive: true, force: true });
  await home(root, "alpha", "alpha-2");
  assert.notEqual(await engineOf(alpha), first);
});
