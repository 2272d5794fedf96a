import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const require = createRequire(import.meta.url);
const cw20ics20 = require.resolve("@oraichain/common-contracts-build/data/cw20-ics20.wasm");

// The published artefact, not the checkout: pack it, install it offline (dependencies come from npm's cache,
// which `npm ci` filled), and run the installed binary.
test("plurigrid check works from an installed package", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-pack-"));
  try {
    execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: root, stdio: "pipe" });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack produced a tarball");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", `./${tarball}`], { cwd: dir, stdio: "pipe" });
    const bin = join(dir, "node_modules", ".bin", "plurigrid");
    const ok = spawnSync(bin, ["check", "--json", cw20ics20], { encoding: "utf8" });
    assert.equal(ok.status, 0, ok.stderr);
    const [report] = JSON.parse(ok.stdout);
    assert.equal(report.status, "valid");
    assert.equal(report.ibcEnabled, true);
    writeFileSync(join(dir, "garbage.wasm"), "not wasm at all");
    const bad = spawnSync(bin, ["check", join(dir, "garbage.wasm")], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /unreadable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
