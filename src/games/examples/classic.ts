/**
 * The textbook games of the reference oracle table, built from the engine's atoms. Each is a closed game
 * (nothing in, nothing out) whose profile type lists its decisions.
 */
import { num, ZERO, type Num, type Numeric } from "../core/num.js";
import { decision, lens, payoffs, utility } from "../engine/atoms.js";
import { parallel, sequence } from "../engine/compose.js";
import { stages } from "../engine/stages.js";

/** One player picks x ∈ {1..10} and gets −(peak − x)². */
export function singleDecision(peak = 5) {
  const actions = Array.from({ length: 10 }, (_, i) => i + 1);
  return sequence(
    decision("player1", { actions }),
    utility((x: number) => -((peak - x) ** 2)),
  );
}

/**
 * A two-player simultaneous game given by its payoff table: each decision's id is its player's id; payoffs are
 * attributed by player id after both have moved.
 */
export function bimatrix<Row extends string, Col extends string, A, B>(
  rowPlayer: Row,
  rowActions: readonly A[],
  colPlayer: Col,
  colActions: readonly B[],
  payoff: (row: A, col: B) => readonly [Numeric, Numeric],
) {
  return sequence(
    // Neither player observes anything: fan the empty observation out to both.
    lens<null, null, [null, null], [null, null]>(
      () => [null, null],
      () => null,
    ),
    parallel(decision(rowPlayer, { actions: rowActions }), decision(colPlayer, { actions: colActions })),
    // Payoffs are attributed by player id below, so the utility flowing back to each decision is 0.
    lens<[A, B], [Num, Num], [A, B], null>(
      (ys) => ys,
      () => [ZERO, ZERO],
    ),
    payoffs(([a, b]: [A, B]) => {
      const [u, v] = payoff(a, b);
      return { [rowPlayer]: num(u), [colPlayer]: num(v) };
    }),
  );
}

export type Cooperation = "C" | "D";
/** Prisoner's dilemma: CC = 3, CD = 0, DC = 5, DD = 1. */
export function prisonersDilemma() {
  const table: Record<`${Cooperation}${Cooperation}`, readonly [number, number]> = {
    CC: [3, 3],
    CD: [0, 5],
    DC: [5, 0],
    DD: [1, 1],
  };
  return bimatrix("prisoner1", ["C", "D"] as const, "prisoner2", ["C", "D"] as const, (a, b) => table[`${a}${b}`]);
}

/** Meeting in New York: both get 1 if they pick the same place (Empire State or Grand Central), else 0. */
export function meetingInNewYork() {
  const places = ["ES", "GC"] as const;
  return bimatrix("alice", places, "bob", places, (a, b) => (a === b ? [1, 1] : [0, 0]));
}

/** Matching pennies: the matcher wins 1 from the mismatcher on a match, loses 1 otherwise. */
export function matchingPennies() {
  const sides = ["H", "T"] as const;
  return bimatrix("matcher", sides, "mismatcher", sides, (a, b) => (a === b ? [1, -1] : [-1, 1]));
}

export type Response = "accept" | "reject";
/**
 * Ultimatum game over a pie of `pie` units: the proposer offers the responder 1…pie units (at least one unit), the
 * responder, seeing the offer, accepts (split as offered) or rejects (both get 0).
 */
export function ultimatum(pie = 10) {
  const offers = Array.from({ length: pie }, (_, i) => i + 1);
  return stages()
    .decide("proposer", { actions: offers })
    .decide("responder", { observe: (r) => r.proposer, actions: ["accept", "reject"] as Response[] })
    .payoff((r) =>
      r.responder === "accept" ? { proposer: pie - r.proposer, responder: r.proposer } : { proposer: 0, responder: 0 },
    )
    .build();
}
