import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Rational } from "../../src/games/core/rational.js";

const probability = (x: string | number) => (typeof x === "number" ? x : Rational.parse(x).toNumber());
const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/games/${name}`, import.meta.url));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "game", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("game solve --json prints exact equilibria as strings", () => {
  const r = run("solve", example("battle-of-the-sexes.nfg"), "--json");
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    equilibria: [
      {
        profile: [
          ["1", "0"],
          ["1", "0"],
        ],
        payoffs: ["3", "2"],
      },
      {
        profile: [
          ["3/5", "2/5"],
          ["2/5", "3/5"],
        ],
        payoffs: ["6/5", "6/5"],
      },
      {
        profile: [
          ["0", "1"],
          ["0", "1"],
        ],
        payoffs: ["2", "3"],
      },
    ],
  });
});

test("game solve prints readable equilibria; methods are chosen by name; .efg files are solved too", () => {
  const r = run("solve", example("degenerate.nfg"));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /4 equilibria/);
  assert.match(r.stdout, /Column: 2\/3 L \+ 1\/3 R/);
  for (const method of ["enumpure", "logit"]) {
    const s = run("solve", example("matching-pennies.nfg"), "--method", method, "--json");
    assert.equal(s.status, 0, s.stderr);
    const eqs = JSON.parse(s.stdout).equilibria;
    if (method === "enumpure") assert.deepEqual(eqs, []);
    else assert.ok(Math.abs(probability(eqs[0].profile[0][0]) - 0.5) < 1e-6, `${method}: ${s.stdout}`);
  }
  // Three players: pure enumeration by default (both unanimous profiles); enummixed refuses clearly.
  const three = run("solve", example("three-player-majority.nfg"), "--json");
  assert.equal(three.status, 0, three.stderr);
  assert.equal(JSON.parse(three.stdout).equilibria.length, 2);
  const e = run("solve", example("one-card-poker.efg"));
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /Fred: +1\/3 Raise\/Raise \+ 2\/3 Raise\/Fold/);
});

test("game check: verdict, counterfactual table and exit status", () => {
  const no = run("check", example("prisoners-dilemma.nfg"), "--profile", "Cooperate,Cooperate");
  assert.equal(no.status, 1);
  assert.match(no.stdout, /Nash equilibrium: no/);
  assert.match(no.stdout, /if Defect +→ 5 +\(best\)/);
  const yes = run("check", example("prisoners-dilemma.nfg"), "--profile", '[["0","1"],[0,1]]', "--json");
  assert.equal(yes.status, 0, yes.stderr);
  const report = JSON.parse(yes.stdout);
  assert.equal(report.equilibrium, true);
  assert.deepEqual(
    report.diagnostics.map((d: { player: string; currentPayoff: string }) => [d.player, d.currentPayoff]),
    [
      ["Row", "1"],
      ["Column", "1"],
    ],
  );
  const tree = run("check", example("selten-horse.efg"), "--profile", "R,r;R", "--subgame-perfect");
  assert.equal(tree.status, 1);
  assert.match(tree.stdout, /Nash equilibrium: yes/);
  assert.match(tree.stdout, /subgame perfect .*: no/);
});

test("game: bad input is a clear error with exit status 2", () => {
  const missing = run("solve", "/nonexistent/game.nfg");
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /error \[file.not_found\]/);
  const wrongType = run("solve", bin);
  assert.equal(wrongType.status, 2);
  assert.match(wrongType.stderr, /file.unknown_format/);
  const badMethod = run("solve", example("matching-pennies.nfg"), "--method", "magic");
  assert.equal(badMethod.status, 2);
  assert.match(badMethod.stderr, /solver.unknown_method/);
  const badProfile = run("check", example("matching-pennies.nfg"), "--profile", "H");
  assert.equal(badProfile.status, 2);
  assert.match(badProfile.stderr, /profile.shape/);
});
