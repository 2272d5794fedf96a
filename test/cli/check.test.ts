import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve("@oraichain/common-contracts-build/package.json")), "data");
const contract = (name: string) => join(dataDir, name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "check", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "plurigrid-check-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

/** cw20-base with its memory given a maximum: flags byte 0x00 → 0x01 plus a max of 0x7f pages. */
function withMemoryMaximum(): string {
  const bytes = readFileSync(contract("cw20-base.wasm"));
  // Find the memory section (id 5) by walking the sections.
  let at = 8;
  for (;;) {
    const id = bytes[at]!;
    let size = 0;
    let shift = 0;
    let p = at + 1;
    for (;;) {
      const b = bytes[p++]!;
      size |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (id === 5) {
      // content: count=1, flags=0, initial (1 byte, < 128 pages)
      assert.deepEqual([bytes[p], bytes[p + 1]], [1, 0]);
      assert.equal(size, 3);
      const out = Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from([5, 4, 1, 1, bytes[p + 2]!, 0x7f]),
        bytes.subarray(p + size),
      ]);
      const file = join(tmp, "bounded-memory.wasm");
      writeFileSync(file, out);
      return file;
    }
    at = p + size;
  }
}

test("all real contracts are valid: exit 0, entry points and IBC per file", () => {
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith(".wasm"))
    .sort()
    .map(contract);
  const r = run(...files);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal((r.stdout.match(/: valid$/gm) ?? []).length, 12);
  assert.equal((r.stdout.match(/IBC-enabled: yes/g) ?? []).length, 3);
  assert.match(
    r.stdout,
    /cw20-ics20\.wasm: valid\n {2}checksum: [0-9a-f]{64} \([\d,]+ bytes\)\n {2}entry points: .*ibc_packet_receive/,
  );
  assert.match(
    r.stdout,
    /cw20-base\.wasm: valid\n.*\n {2}entry points: instantiate, execute, migrate, query\n {2}IBC-enabled: no\n {2}required capabilities: iterator, staking, stargate/,
  );
});

test("an invalid contract: exit 1 and every violated rule with its message", () => {
  const r = run(withMemoryMaximum(), contract("cw4-group.wasm"));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /bounded-memory\.wasm: invalid \(1 violation\)/);
  assert.match(r.stdout, /✗ memory-maximum: the memory declares a maximum of 127 pages/);
  assert.match(r.stdout, /cw4-group\.wasm: valid/);
});

test("--capabilities replaces the offered set", () => {
  const r = run("--capabilities", "iterator,stargate", contract("cw20-base.wasm"));
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /✗ capability-unavailable: requires capability this node does not offer: staking \(offered: iterator, stargate\)/,
  );
  assert.equal(run("--capabilities", "iterator, staking, stargate", contract("cw20-base.wasm")).status, 0);
});

test("unreadable input: exit 2, and the other files are still reported", () => {
  const garbage = join(tmp, "garbage.wasm");
  writeFileSync(garbage, "definitely not wasm");
  const real = readFileSync(contract("cw1-whitelist.wasm"));
  const truncated = join(tmp, "truncated.wasm");
  writeFileSync(truncated, real.subarray(0, real.length >> 1));
  const missing = join(tmp, "missing.wasm");
  const r = run(garbage, contract("cw4-stake.wasm"), truncated, missing, withMemoryMaximum());
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(
    r.stdout,
    /garbage\.wasm: unreadable — not a wasm module: missing the \\0asm magic number .*\[wasm\.bad_magic\]/,
  );
  assert.match(r.stdout, /cw4-stake\.wasm: valid/);
  assert.match(r.stdout, /truncated\.wasm: unreadable — .*truncated.* \[wasm\.truncated\]/);
  assert.match(r.stdout, /missing\.wasm: unreadable — no such file: .* \[file\.not_found\]/);
  assert.match(r.stdout, /bounded-memory\.wasm: invalid/);
});

test("--json prints one array with a report per file", () => {
  const truncated = join(tmp, "truncated-json.wasm");
  writeFileSync(truncated, readFileSync(contract("cw20-ics20.wasm")).subarray(0, 5000));
  const r = run("--json", contract("cw20-ics20.wasm"), withMemoryMaximum(), truncated);
  assert.equal(r.status, 2);
  const out = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(out.length, 3);
  const [ok, bad, unreadable] = out as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
  assert.equal(ok.status, "valid");
  assert.equal(ok.valid, true);
  assert.equal(ok.ibcEnabled, true);
  assert.deepEqual(ok.requiredCapabilities, ["iterator", "stargate"]);
  assert.match(ok.checksum as string, /^[0-9a-f]{64}$/);
  assert.ok((ok.entryPoints as string[]).includes("ibc_channel_open"));
  assert.equal(bad.status, "invalid");
  assert.deepEqual(
    (bad.violations as { rule: string }[]).map((v) => v.rule),
    ["memory-maximum"],
  );
  assert.equal(unreadable.status, "unreadable");
  assert.equal((unreadable.error as { code: string }).code, "wasm.truncated");
  assert.equal(run("--json", contract("multicall.wasm")).status, 0);
});

test("check without files is a usage error", () => {
  const r = run();
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing required argument/);
});
