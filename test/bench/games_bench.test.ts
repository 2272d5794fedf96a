import { test } from "node:test";
import assert from "node:assert/strict";
import { main, parseBenchArgs } from "../../bench/games.js";

test("bench:games runs small, counts exactly N(|A|-1)+1 payoff evaluations per check, and ends with one JSON line", () => {
  const lines: string[] = [];
  const code = main(
    ["--players", "2,3", "--actions", "2,3", "--sizes", "3", "--games", "2", "--sample-ms", "0.5", "--json"],
    (l) => lines.push(l),
  );
  assert.equal(code, 0);
  const json = JSON.parse(lines.at(-1)!);
  assert.equal(json.bench, "games");
  assert.equal(json.checks.length, 4);
  for (const row of json.checks) {
    // Memoised: every distinct unilateral deviation is played once, plus the profile itself.
    assert.equal(row.payoffCalls, row.players * (row.actions - 1) + 1);
    // Without memoisation the profile itself is replayed once per player.
    assert.equal(row.payoffCallsWithoutMemo, row.players * row.actions);
  }
  assert.equal(json.mixed[0].agree, true);
  assert.throws(() => parseBenchArgs(["--games", "0"]));
  assert.equal(
    main(["--players", "x"], () => {}),
    2,
  );
});
