import { Dist } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import type { Numeric } from "../core/num.js";
import { GameError } from "../errors.js";
import type { Strategy } from "./game.js";

/** Always play `action`, whatever is observed. */
export function pure<Y>(action: Y): Strategy<unknown, Y> {
  const d = Dist.certain(action);
  return () => d;
}

/** Always play the same mixture (weights are normalised). */
export function mixed<Y>(weights: Iterable<readonly [Y, Numeric]>): Strategy<unknown, Y> {
  const d = Dist.fromWeights(weights);
  return () => d;
}

/** A pure strategy that reacts to the observation. */
export function reactive<X, Y>(choose: (observation: X) => Y): Strategy<X, Y> {
  return (x) => Dist.certain(choose(x));
}

/**
 * A strategy given as a table from observations to actions (or distributions); an observation missing from the
 * table is an error that names it.
 */
export function fromTable<X, Y>(entries: Iterable<readonly [X, Y | Dist<Y>]>, decision = "?"): Strategy<X, Y> {
  const table = new Map<string, Dist<Y>>();
  for (const [x, y] of entries) table.set(canonicalKey(x), y instanceof Dist ? y : Dist.certain(y));
  return (x) => {
    const hit = table.get(canonicalKey(x));
    if (!hit)
      throw new GameError(
        "profile.unknown_observation",
        `the strategy of "${decision}" has no entry for ${canonicalKey(x)}`,
        {
          decision,
          observation: canonicalKey(x),
        },
      );
    return hit;
  };
}
