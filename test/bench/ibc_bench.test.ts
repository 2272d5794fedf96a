import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE_LABELS, main, parseBenchArgs } from "../../bench/ibc.js";
import { RelayerError } from "../../src/relayer/index.js";

test("bench:ibc smoke: a tiny run ends with the JSON line, both rates positive", async () => {
  const lines: string[] = [];
  const code = await main(["--round-trips", "3", "--rounds", "1", "--warmup", "1", "--json"], (line) =>
    lines.push(line),
  );
  assert.equal(code, 0);
  assert.ok(
    lines.some((l) => l.includes("end state checked: 4 complete round trips")),
    lines.join("\n"),
  );
  const json = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  for (const field of ["round_trips_per_s", "peer_round_trips_per_s", "engine_vs_peer", "ms_per_round_trip"]) {
    const value = json[field];
    assert.ok(typeof value === "number" && Number.isFinite(value) && value > 0, `${field} = ${String(value)}`);
  }
  assert.ok(json.engine === "nodes" || json.engine === "memorychain-native-ics20", String(json.engine));
  assert.equal(json.target_measured, json.engine === "nodes");
  if (json.engine !== "nodes") {
    assert.equal(json.target_met, null);
    assert.ok(lines.some((l) => l.includes("NOT MEASURED")));
  }
});

test("bench:ibc falls back only when the node integration is pending, and says so", async () => {
  const pending = () =>
    Promise.reject(new RelayerError("relayer.node_integration_pending", "node integration pending (test)"));
  const lines: string[] = [];
  await main(["--round-trips", "1", "--rounds", "1", "--warmup", "0", "--json"], (l) => lines.push(l), pending);
  const json = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  assert.equal(json.engine, "memorychain-native-ics20");
  assert.equal(json.engine_label, ENGINE_LABELS["memorychain-native-ics20"]);
  assert.equal(json.target_measured, false);
  assert.ok(lines.some((l) => l.includes("FALLBACK") && l.includes("NOT the target measurement")));

  const broken = () => Promise.reject(new Error("disk on fire"));
  await assert.rejects(
    main(["--round-trips", "1", "--rounds", "1", "--warmup", "0"], () => {}, broken),
    /disk on fire/,
  );
});

test("bench:ibc flags: defaults, overrides and rejected values", () => {
  const d = parseBenchArgs([]);
  assert.equal(d.json, false);
  assert.ok(d.roundTrips > 0 && d.rounds >= 3 && d.warmup > 0);
  assert.deepEqual(
    { ...parseBenchArgs(["--round-trips", "10", "--rounds", "2", "--warmup", "0", "--json"]) },
    { roundTrips: 10, rounds: 2, warmup: 0, json: true },
  );
  assert.throws(() => parseBenchArgs(["--rounds", "0"]), /--rounds/);
  assert.throws(() => parseBenchArgs(["--round-trips", "1.5"]), /--round-trips/);
  assert.throws(() => parseBenchArgs(["--transfers", "5"]));
});
