/** A finitely repeated prisoner's dilemma: every round both see the whole history; later rounds are discounted. */
import { Dist } from "../core/dist.js";
import type { Numeric } from "../core/num.js";
import type { OpenGame, Strategy } from "../engine/game.js";
import { stages, type Stages } from "../engine/stages.js";
import type { Cooperation } from "./classic.js";

export type History = readonly (readonly [Cooperation, Cooperation])[];

const stagePayoff: Record<`${Cooperation}${Cooperation}`, readonly [number, number]> = {
  CC: [3, 3],
  CD: [0, 5],
  DC: [5, 0],
  DD: [1, 1],
};

/**
 * `rounds` rounds of the prisoner's dilemma (CC = 3, CD = 0, DC = 5, DD = 1). Decision ids are `row1`, `col1`,
 * `row2`, … (players `row` and `col`); each observes the history of earlier rounds; round t is paid δ^(t−1).
 */
export function repeatedPrisonersDilemma(
  rounds: number,
  discountFactor: Numeric = 1,
): OpenGame<null, null, Record<string, unknown>, null, Record<string, Strategy<History, Cooperation>>> {
  const history = (r: Record<string, unknown>, t: number): History =>
    Array.from(
      { length: t - 1 },
      (_, i) => [r[`row${i + 1}`] as Cooperation, r[`col${i + 1}`] as Cooperation] as const,
    );
  // The record's type grows with the number of rounds, which is only known at run time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let game: Stages<null, any, any> = stages();
  for (let t = 1; t <= rounds; t++) {
    if (t > 1) game = game.discount("row", discountFactor).discount("col", discountFactor);
    const actions = ["C", "D"] as const;
    game = game
      .simultaneously({
        [`row${t}`]: { player: "row", observe: (r: Record<string, unknown>) => history(r, t), actions },
        [`col${t}`]: { player: "col", observe: (r: Record<string, unknown>) => history(r, t), actions },
      })
      .payoff((r: Record<string, unknown>) => {
        const [u, v] = stagePayoff[`${r[`row${t}`] as Cooperation}${r[`col${t}`] as Cooperation}`];
        return { row: u, col: v };
      });
  }
  return game.build();
}

/** Cooperate first, then copy what the opponent did last round (`me` is 0 for row, 1 for column). */
export function titForTat(me: 0 | 1): Strategy<History, Cooperation> {
  return (h) => Dist.certain(h.length === 0 ? "C" : h[h.length - 1]![1 - me]!);
}
