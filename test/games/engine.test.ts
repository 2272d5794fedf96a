import { test } from "node:test";
import assert from "node:assert/strict";
import {
  check,
  choice,
  decision,
  Dist,
  epsilonArgmax,
  expectedPayoffs,
  formatNum,
  lens,
  mixed,
  outcomes,
  pure,
  reactive,
  satisficing,
  sequence,
  simulate,
  softmax,
  stages,
  utility,
  type Num,
} from "../../src/games/index.js";
import { investmentWithSignal } from "../../src/games/examples/bayesian.js";
import { prisonersDilemma, singleDecision } from "../../src/games/examples/classic.js";

const code = (c: string) => (e: Error & { code?: string }) => e.code === c;
const summary = (r: ReturnType<typeof check>) =>
  r.diagnostics.map((d) => [
    d.decision,
    d.informationSet,
    formatNum(d.currentPayoff),
    d.alternatives.map((a) => formatNum(a.payoff)),
  ]);

test("selection functions: ε-argmax tolerates small losses, satisficing an aspiration, softmax a quantal response", () => {
  const near = (selection: Parameters<typeof decision>[1]["selection"]) =>
    sequence(
      decision("p", { actions: [1, 2, 3], ...(selection ? { selection } : {}) }),
      utility((x: number) => x),
    );
  assert.equal(check(near(undefined), { p: pure(2) }).equilibrium, false);
  assert.equal(check(near(epsilonArgmax(1)), { p: pure(2) }).equilibrium, true);
  assert.equal(check(near(epsilonArgmax("1/2")), { p: pure(2) }).equilibrium, false);
  assert.equal(check(near(satisficing(2)), { p: pure(2) }).equilibrium, true);
  assert.equal(check(near(satisficing(2)), { p: pure(1) }).equilibrium, false);
  // Softmax at temperature 1: P(x) ∝ e^x.
  const z = Math.E + Math.E ** 2 + Math.E ** 3;
  const logit = Dist.fromWeights([1, 2, 3].map((x) => [x, Math.E ** x / z] as const));
  assert.equal(check(near(softmax(1)), { p: () => logit }).equilibrium, true);
  assert.equal(
    check(near(softmax(1)), {
      p: mixed([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    }).equilibrium,
    false,
  );
  assert.throws(() => softmax(0), code("game.bad_selection"));
});

test("discounting multiplies what a player is paid after it", () => {
  const game = stages()
    .decide("saver", { actions: [0, 1] })
    .discount("saver", "1/2")
    .payoff((r) => ({ saver: r.saver * 10 }))
    .build();
  const r = check(game, { saver: pure(0) });
  assert.deepEqual(
    r.deviations[0]!.alternatives.map((a) => formatNum(a.payoff)),
    ["0", "5"],
  );
});

test("branching: an unreachable branch is skipped for Nash and reached by trembles for subgame perfection", () => {
  const branchGame = stages()
    .decide("gate", { actions: ["open", "closed"] as const })
    .branch((r) => r.gate, {
      open: (s) =>
        s
          .decide("guest", { actions: ["enter", "stay"] as const })
          .payoff((r) => ({ guest: r.guest === "enter" ? 1 : 0, gate: 1 })),
      closed: (s) => s.payoff(() => ({ gate: 0 })),
    })
    .build();
  const nash = check(branchGame, { gate: pure("open" as const), guest: pure("stay" as const) });
  assert.deepEqual(
    nash.deviations.map((d) => d.decision),
    ["guest"],
  );
  // Closed gate: the guest is never asked for Nash…
  const closed = check(branchGame, { gate: pure("closed" as const), guest: pure("stay" as const) });
  assert.equal(closed.diagnostics.filter((d) => d.decision === "guest").length, 0);
  assert.equal(closed.deviations.map((d) => d.decision).join(), "gate");
  // …but is, off the path, for subgame perfection.
  const spe = check(
    branchGame,
    { gate: pure("open" as const), guest: pure("enter" as const) },
    { subgamePerfect: true },
  );
  assert.equal(spe.equilibrium, true);
  const offPath = check(
    branchGame,
    { gate: pure("closed" as const), guest: pure("stay" as const) },
    { subgamePerfect: true },
  );
  const guest = offPath.diagnostics.find((d) => d.decision === "guest")!;
  assert.equal(guest.onPath, false);
  assert.equal(guest.equilibrium, false);
  // The raw combinator: branch on a tagged observation.
  const raw = choice({ a: decision("x", { actions: [1] }), b: decision("y", { actions: [2] }) });
  assert.deepEqual(
    raw.decisions.map((d) => d.id),
    ["x", "y"],
  );
});

test("actions may depend on the observation, and a strategy must respect them", () => {
  const game = stages()
    .decide("budget", { actions: [1, 2] })
    .decide("spend", { observe: (r) => r.budget, actions: (b: number) => Array.from({ length: b + 1 }, (_, i) => i) })
    .payoff((r) => ({ spend: r.spend, budget: 0 }))
    .build();
  const r = check(game, { budget: pure(2), spend: reactive((b: number) => b) });
  assert.equal(r.equilibrium, true);
  assert.deepEqual(
    r.diagnostics.find((d) => d.decision === "spend")!.alternatives.map((a) => a.action),
    [0, 1, 2],
  );
  assert.throws(() => check(game, { budget: pure(1), spend: pure(2) }), code("profile.action_not_available"));
});

test("memoisation changes the cost, not the answer", () => {
  for (const [game, profile] of [
    [investmentWithSignal(), { investor: pure("invest" as const) }],
    [
      prisonersDilemma(),
      {
        prisoner1: mixed([
          ["C", 1],
          ["D", 2],
        ] as const),
        prisoner2: pure("C" as const),
      },
    ],
  ] as const) {
    const a = check(game as never, profile as never);
    const b = check(game as never, profile as never, { memoize: false });
    assert.deepEqual(summary(a), summary(b));
  }
});

test("Monte Carlo: seeded sampling reproduces and approximates the exact values", () => {
  const game = investmentWithSignal();
  const profile = { investor: pure("invest" as const) };
  const exact = expectedPayoffs(game, profile).get("investor")!;
  // E = 1/3·10 − 2/3·6 = −2/3.
  assert.equal(formatNum(exact), "-2/3");
  const a = simulate(game, profile, { samples: 1000, seed: 5 });
  assert.deepEqual(a, simulate(game, profile, { samples: 1000, seed: 5 }));
  assert.ok(Math.abs(a.get("investor")! + 2 / 3) < 1, `estimate ${a.get("investor")}`);
  const mc = check(game, profile, { monteCarlo: { samples: 20, seed: 1 } });
  const high = mc.diagnostics.find((d) => d.observation === "high")!;
  assert.ok(Math.abs(Number(high.alternatives[0]!.payoff) - 18 / 5) < 1e-9);
  assert.throws(() => check(game, profile, { monteCarlo: { samples: 0, seed: 1 } }), code("game.bad_option"));
});

test("outcomes merge equal plays; floats are contagious and compared with a tolerance", () => {
  const d = outcomes(prisonersDilemma(), {
    prisoner1: mixed([
      ["C", 1],
      ["D", 1],
    ] as const),
    prisoner2: pure("D" as const),
  });
  assert.equal(d.size, 2);
  const floaty = sequence(
    decision("p", { actions: [0.1, 0.2] }),
    utility((x: number) => x * 3),
  );
  const r = check(floaty, { p: pure(0.2) });
  assert.equal(typeof r.diagnostics[0]!.currentPayoff, "number");
  assert.equal(r.equilibrium, true);
  assert.equal(check(singleDecision(), { player1: pure(5) }).diagnostics[0]!.selection, "argmax");
});

test("composition errors are typed: duplicate decision ids and duplicate record names", () => {
  assert.throws(
    () =>
      sequence(
        decision("a", { actions: [1] }),
        lens<number, Num, number, null>(
          (x) => x,
          () => 0,
        ),
        decision<"a", number, number>("a", { actions: [1] }),
      ),
    code("game.duplicate_decision"),
  );
  assert.throws(
    () =>
      stages()
        .decide("x", { actions: [1] })
        .compute("x", () => 2),
    code("game.duplicate_name"),
  );
  assert.throws(
    () =>
      check(
        sequence(
          decision("a", { actions: [] as number[] }),
          utility((x: number) => x),
        ),
        { a: pure(1) },
      ),
    code("game.no_actions"),
  );
});
