/** Bayesian games: players who see noisy signals of what nature drew. */
import { Dist } from "../core/dist.js";
import { stages } from "../engine/stages.js";

export type State = "good" | "bad";
export type Signal = "high" | "low";

/**
 * Nature draws the state of a project (good with probability 1/3); the investor sees a signal that is right with
 * probability 3/4 and invests (10 if good, −6 if bad) or waits (0).
 */
export function investmentWithSignal() {
  return stages()
    .nature(
      "state",
      Dist.fromWeights<State>([
        ["good", 1],
        ["bad", 2],
      ]),
    )
    .nature("signal", (r) =>
      Dist.fromWeights<Signal>(
        r.state === "good"
          ? [
              ["high", 3],
              ["low", 1],
            ]
          : [
              ["high", 1],
              ["low", 3],
            ],
      ),
    )
    .decide("investor", { observe: (r) => r.signal, actions: ["invest", "wait"] as const })
    .payoff((r) => ({ investor: r.investor === "wait" ? 0 : r.state === "good" ? 10 : -6 }))
    .build();
}
