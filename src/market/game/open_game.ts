import {
  argmax,
  decision,
  lens,
  parallel,
  payoffs,
  pure,
  sequence,
  ZERO,
  type Num,
  type OpenGame,
  type Profile,
} from "../../games/index.js";
import { participantIndex, type PreparedScenario } from "../analysis/prepared_scenario.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";
import { actionSet, checkLevels, priceGrid, type ActionSetOptions } from "./action_set.js";
import { MarketPlay } from "./market_play.js";
import { sideRuleOf, type Side, type SideRule } from "./side_rules.js";

/**
 * The community's market as an open game (Ghani–Hedges–Winschel–Zahn): each participant's bidding is a decision,
 * the market tree with its mechanisms, fees and ticks is the play, and the payoff that flows back is utility —
 * value of the energy used, minus payments, plus revenue (see analysis/market_game.ts).
 *
 * The reduction. Bidding per slot would make one decision per participant per slot (96 a day); instead each
 * participant chooses one strategy for the whole horizon — the granularity of a scenario's `strategy`, and what a
 * household can actually configure. A strategy has two sides, and they are separate decisions of the same player:
 * `NAME/bid` prices its orders in the slots where it needs energy, `NAME/offer` those where it has surplus. A
 * participant is on one side per slot and each slot clears on its own (net positions are fixed by the physical
 * plan), so its payoff is (slots where it buys) + (slots where it sells), each part depending on one side's rule
 * only. Hence the engine's decision-by-decision check is exactly Nash over whole strategies: the best joint change
 * is the best bid rule with the best offer rule, and its gain is the sum of the two gains. A side that never meets
 * the other side of the market in the horizon cannot change anything and is not a decision.
 *
 * The game is closed: every decision observes nothing (a simultaneous, complete-information game over the known
 * horizon — a best response here is a best response with hindsight of that horizon's loads and weather), then
 * `payoffs` plays the markets with everyone's rules and pays each participant by name.
 */
export interface MarketDecision {
  /** The engine's decision id: "Pia/bid", "Pia/offer". */
  readonly id: string;
  readonly participant: string;
  /** Tree order index. */
  readonly index: number;
  readonly side: Side;
  readonly actions: readonly SideRule[];
  /** The rule the participant's current strategy uses on this side. */
  readonly current: SideRule;
}

export interface MarketGameOptions extends ActionSetOptions {
  /** Whose bidding is a decision (default: everyone); the others keep their current strategies, inside the play. */
  readonly players?: readonly string[];
  /** Gains up to this much money are not deviations (default 10 000 nano = a thousandth of a cent). */
  readonly tolerance?: Money;
}

/** Gains below a thousandth of a cent are rounding, not incentives (as in the mechanism comparison). */
export const DEFAULT_TOLERANCE: Money = 10_000;

export interface MarketGame {
  readonly prepared: PreparedScenario;
  readonly play: MarketPlay;
  readonly decisions: readonly MarketDecision[];
  /** The closed open game; undefined when nobody has a decision (nobody ever meets the other side). */
  readonly game?: OpenGame<null, null, unknown, null, object>;
  /** The current strategies as an engine profile: each decision plays its current rule. */
  readonly profile: Profile;
  /** Everyone's current rules, by participant (tree order). */
  readonly currentBid: readonly SideRule[];
  readonly currentOffer: readonly SideRule[];
  readonly levels: number;
  /** The fixed prices of the action sets. */
  readonly grid: readonly Price[];
  readonly tolerance: Money;
  /** Everyone's payoff when the decisions play `rules` (decision order) and everyone else their current rules. */
  payoffsOf(rules: readonly SideRule[]): Float64Array;
}

export function buildMarketGame(prepared: PreparedScenario, options: MarketGameOptions = {}): MarketGame {
  const levels = checkLevels(options.levels);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const play = new MarketPlay(prepared);
  const specs = prepared.tree.participants;
  const currentBid = specs.map((p) => sideRuleOf(p.strategy, "bid"));
  const currentOffer = specs.map((p) => sideRuleOf(p.strategy, "offer"));
  const players = new Set(
    (options.players ?? prepared.participants).map((name) => prepared.participants[participantIndex(prepared, name)]!),
  );
  const grid = priceGrid(prepared, levels);
  const decisions: MarketDecision[] = [];
  prepared.participants.forEach((participant, index) => {
    if (!players.has(participant)) return;
    for (const side of ["bid", "offer"] as const) {
      if (!(side === "bid" ? play.bids : play.offers)[index]) continue;
      const current = side === "bid" ? currentBid[index]! : currentOffer[index]!;
      decisions.push({
        id: `${participant}/${side}`,
        participant,
        index,
        side,
        actions: actionSet(grid, current),
        current,
      });
    }
  });

  const payoffsOf = (rules: readonly SideRule[]) => {
    const bid = [...currentBid];
    const offer = [...currentOffer];
    decisions.forEach((d, k) => ((d.side === "bid" ? bid : offer)[d.index] = rules[k]!));
    return play.payoffs(bid, offer);
  };

  const profile: Profile = Object.fromEntries(decisions.map((d) => [d.id, pure(d.current)]));
  const selection = argmax({ tolerance });
  const game =
    decisions.length === 0
      ? undefined
      : (sequence(
          lens<null, null, null[], null[]>(
            () => decisions.map(() => null),
            () => null,
          ),
          parallel(
            ...decisions.map((d) => decision(d.id, { player: d.participant, actions: d.actions, selection })),
          ) as OpenGame<null[], null[], SideRule[], Num[]>,
          lens<SideRule[], Num[], SideRule[], null>(
            (rules) => rules,
            () => decisions.map(() => ZERO),
          ),
          // The play: the market tree clears every slot with everyone's rules; each participant is paid by name.
          payoffs((rules: SideRule[]) => {
            const totals = payoffsOf(rules);
            return Object.fromEntries(prepared.participants.map((p, i) => [p, totals[i]!]));
          }),
        ) as unknown as OpenGame<null, null, unknown, null, object>);

  return {
    prepared,
    play,
    decisions,
    game,
    profile,
    currentBid,
    currentOffer,
    levels,
    grid,
    tolerance,
    payoffsOf,
  };
}
