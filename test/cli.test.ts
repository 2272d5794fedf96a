import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

test("plurigrid --help lists the commands", () => {
  const out = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  assert.match(out, /Usage: plurigrid/);
});

test("an unknown command is a usage error with exit status 2", () => {
  const r = spawnSync(process.execPath, [bin, "no-such-command"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command/);
});

test("plurigrid showcase tours the engine and IBC between two nodes, and exits 0", () => {
  const r = spawnSync(process.execPath, [bin, "showcase", "--transfers", "10"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((r.stdout.match(/✓ /g) ?? []).length, 12);
  assert.match(r.stdout, /cw20-ics20\.wasm .* IBC-enabled/);
  assert.match(r.stdout, /Overflow: Cannot Sub with 2500 and 999999999/);
  assert.match(r.stdout, /\[vm\.out_of_gas\]/);
  assert.match(r.stdout, /balances unchanged by the failures: alice 997500, bob 2500/);
  // IBC: there and back, a timeout and an error ack, each refunded; the final balances add up
  assert.match(r.stdout, /A → B: 500 KWH through cw20-ics20; relayed 1 packet\(s\), 1 ack\(s\), 0 timeout\(s\)/);
  assert.match(r.stdout, /B → A: 200 vouchers home .*relayed 1 packet\(s\), 1 ack\(s\)/);
  assert.match(r.stdout, /relayed 0 packet\(s\), 0 ack\(s\), 1 timeout\(s\) — refunded: A: operator 999700 KWH/);
  assert.match(r.stdout, /B's acknowledgement: \{"error":/);
  assert.match(r.stdout, /final — A: operator 999700 KWH, escrow 300 KWH · B: operator 300 vouchers/);
});
