import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE_LABEL, main, parseBenchArgs } from "../../bench/ibc.js";

test("bench:ibc smoke: a tiny run on two nodes ends with the JSON line, every rate positive", async () => {
  const lines: string[] = [];
  const code = await main(
    ["--round-trips", "3", "--batch", "2", "--rounds", "1", "--warmup", "1", "--peer-warmup", "5", "--json"],
    (line) => lines.push(line),
  );
  assert.equal(code, 0);
  // Each engine measurement: 1 warm-up + 3 timed (batches of 2 and 1); each peer: 5 + 3.
  assert.ok(
    lines.some((l) =>
      l.includes("end state checked: 8 complete round trips on the engine, 8 on each peer (metered and not)"),
    ),
    lines.join("\n"),
  );
  const json = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  for (const field of [
    "round_trips_per_s",
    "peer_round_trips_per_s",
    "engine_vs_peer",
    "ms_per_round_trip",
    "sequential_round_trips_per_s",
    "sequential_vs_peer",
    "metered_peer_round_trips_per_s",
    "engine_vs_metered_peer",
  ]) {
    const value = json[field];
    assert.ok(typeof value === "number" && Number.isFinite(value) && value > 0, `${field} = ${String(value)}`);
  }
  assert.equal(json.engine, ENGINE_LABEL);
  assert.equal(json.batch, 2);
  assert.equal(typeof json.target_met, "boolean");
});

test("bench:ibc: an engine that cannot be opened fails the run, it is never measured", async () => {
  const broken = () => Promise.reject(new Error("disk on fire"));
  await assert.rejects(
    main(["--round-trips", "1", "--rounds", "1", "--warmup", "0"], () => {}, broken),
    /disk on fire/,
  );
});

test("bench:ibc flags: defaults, overrides and rejected values", () => {
  const d = parseBenchArgs([]);
  assert.equal(d.json, false);
  assert.ok(d.roundTrips > 0 && d.batch > 1 && d.rounds >= 3 && d.warmup > 0 && d.peerWarmup >= 1500);
  assert.equal(parseBenchArgs(["--peer-warmup", "0"]).peerWarmup, 0);
  assert.deepEqual(
    { ...parseBenchArgs(["--round-trips", "10", "--batch", "5", "--rounds", "2", "--warmup", "0", "--json"]) },
    { roundTrips: 10, batch: 5, rounds: 2, warmup: 0, peerWarmup: 2000, json: true },
  );
  assert.throws(() => parseBenchArgs(["--batch", "0"]), /--batch/);
  assert.throws(() => parseBenchArgs(["--rounds", "0"]), /--rounds/);
  assert.throws(() => parseBenchArgs(["--round-trips", "1.5"]), /--round-trips/);
  assert.throws(() => parseBenchArgs(["--transfers", "5"]));
});
