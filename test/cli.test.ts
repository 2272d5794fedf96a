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
