import { test } from "node:test";
import assert from "node:assert/strict";
import { main, parseBenchArgs } from "../../bench/vm.js";

test("bench:vm smoke: tiny run prints the four rates as the JSON last line", async () => {
  const lines: string[] = [];
  const code = await main(["--transfers", "200", "--warmup", "100", "--rounds", "1", "--json"], (line) =>
    lines.push(line),
  );
  assert.equal(code, 0);
  assert.ok(
    lines.some((l) => l.includes("balances checked")),
    lines.join("\n"),
  );
  const json = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  for (const field of ["engine_ops_per_s", "floor_ops_per_s", "peer_metered_ops_per_s", "peer_unmetered_ops_per_s"]) {
    const value = json[field];
    assert.ok(typeof value === "number" && Number.isFinite(value) && value > 0, `${field} = ${String(value)}`);
  }
  assert.ok((json.engine_vm_gas_per_transfer as number) > 0);
});

test("bench:vm flags: defaults, overrides and rejected values", () => {
  const d = parseBenchArgs([]);
  assert.equal(d.json, false);
  assert.ok(d.warmup >= 5_000 && d.rounds >= 3 && d.transfers > 0);
  assert.deepEqual(
    { ...parseBenchArgs(["--transfers", "10", "--warmup", "0", "--rounds", "2", "--json"]) },
    { ...d, transfers: 10, warmup: 0, rounds: 2, json: true },
  );
  assert.throws(() => parseBenchArgs(["--rounds", "0"]), /--rounds/);
  assert.throws(() => parseBenchArgs(["--transfers", "1.5"]), /--transfers/);
  assert.throws(() => parseBenchArgs(["--bogus"]));
});
