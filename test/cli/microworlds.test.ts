import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "plurigrid-microworlds-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "microworlds", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("microworlds compare: a base scenario and variants that extend it, side by side", () => {
  const r = run(
    "compare",
    join(examples, "neighbourhood.json"),
    join(examples, "microworlds/vcg.json"),
    join(examples, "microworlds/flat_tariff.json"),
    "--days",
    "1",
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Microworlds over 1 day/);
  assert.match(r.stdout, /Sunny Street neighbourhood\s+Sunny Street with VCG\s+Sunny Street on a flat tariff/);
  assert.match(r.stdout, /mechanism surplus \(− deficit\) \(EUR\)\s+0\.00\s+-\d+\.\d\d\s+0\.00/);
  const json = JSON.parse(run("compare", join(examples, "microworlds/vcg.json"), "--days", "1", "--json").stdout);
  assert.deepEqual(json.columns, ["Sunny Street with VCG"]);
});

test("microworlds compare: an extends loop or a missing base is a typed error", () => {
  writeFileSync(join(tmp, "a.json"), JSON.stringify({ extends: "b.json" }));
  writeFileSync(join(tmp, "b.json"), JSON.stringify({ extends: "a.json" }));
  const loop = run("compare", join(tmp, "a.json"));
  assert.equal(loop.status, 2);
  assert.match(loop.stderr, /error \[market\.scenario_invalid\]: "extends" loops/);
  writeFileSync(join(tmp, "c.json"), JSON.stringify({ extends: "missing.json" }));
  assert.match(run("compare", join(tmp, "c.json")).stderr, /error \[file\.not_found\]/);
});

test("microworlds compare: long runs report progress on stderr, stdout stays the table", () => {
  const tiny = join(tmp, "tiny.json");
  writeFileSync(
    tiny,
    JSON.stringify({
      name: "tiny",
      slotMinutes: 60,
      ticksPerSlot: 2,
      market: {
        name: "m",
        members: [
          { name: "a", load: { annualKWh: 2000 } },
          { name: "b", pv: { kWp: 2 } },
        ],
      },
    }),
  );
  const r = run("compare", tiny, "--days", "30");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /\[1\/1 tiny\] simulated 30\/30 days/);
  assert.doesNotMatch(r.stdout, /simulated/);
  assert.match(r.stdout, /Microworlds over 30 days/);
});
