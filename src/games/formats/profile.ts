import { num, ONE, ZERO, type Num } from "../core/num.js";
import { Rational } from "../core/rational.js";
import { GameError } from "../errors.js";
import type { BehaviourProfile, ExtensiveGame } from "../extensive-form/extensive-game.js";
import type { MixedProfile, StrategicGame } from "../normal-form/strategic-game.js";

function probability(value: unknown, where: string): Num {
  if (typeof value === "string") return num(Rational.parse(value));
  if (typeof value === "number") return num(value);
  throw new GameError(
    "profile.syntax",
    `${where}: expected a probability (number or "p/q"), found ${JSON.stringify(value)}`,
    {
      where,
    },
  );
}

/** One choice among labels, by label or 1-based index, as a degenerate distribution. */
function pick(labels: readonly string[], token: string, where: string): Num[] {
  const t = token.trim();
  let index = labels.indexOf(t);
  if (index < 0 && /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= labels.length) index = Number(t) - 1;
  if (index < 0)
    throw new GameError("profile.unknown_action", `${where}: "${t}" is not one of ${labels.join(", ")}`, {
      where,
      token: t,
      choices: labels,
    });
  return labels.map((_, i) => (i === index ? ONE : ZERO));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GameError("profile.syntax", `the profile is not valid JSON: ${text}`, { text });
  }
}

/**
 * A mixed profile of a strategic game, from JSON (`[[1/2 as "1/2" or 0.5, …], […]]`, as `game solve --json`
 * prints) or from one strategy label (or 1-based index) per player separated by commas or semicolons.
 */
export function parseMixedProfile(game: StrategicGame, text: string): MixedProfile {
  const t = text.trim();
  if (t.startsWith("[")) {
    const value = parseJson(t);
    if (!Array.isArray(value) || value.length !== game.players.length || !value.every(Array.isArray))
      throw new GameError(
        "profile.shape",
        `expected one list of probabilities per player (${game.players.length})`,
        {},
      );
    return value.map((probs: unknown[], p) =>
      probs.map((v, s) => probability(v, `${game.players[p]}, strategy ${s + 1}`)),
    );
  }
  const parts = t.split(/[;,]/);
  if (parts.length !== game.players.length)
    throw new GameError(
      "profile.shape",
      `expected one strategy per player (${game.players.length}: ${game.players.join(", ")}), found ${parts.length}`,
      {},
    );
  return parts.map((part, p) => pick(game.strategies[p]!, part, game.players[p]!));
}

/**
 * A behaviour profile of a tree game, from JSON (player → information set → action probabilities, information
 * sets in the order they first appear) or from labels: players separated by ";", one action per information set
 * separated by ",".
 */
export function parseBehaviourProfile(game: ExtensiveGame, text: string): BehaviourProfile {
  const t = text.trim();
  const infosets = game.players.map((_, p) => game.infosets.filter((i) => i.player === p));
  if (t.startsWith("[")) {
    const value = parseJson(t);
    if (!Array.isArray(value) || value.length !== game.players.length)
      throw new GameError("profile.shape", `expected one list per player (${game.players.length})`, {});
    return value.map((sets: unknown, p) => {
      if (!Array.isArray(sets) || !sets.every(Array.isArray))
        throw new GameError("profile.shape", `${game.players[p]}: expected a list of probability lists`, {});
      return sets.map((probs: unknown[], k) =>
        probs.map((v, a) =>
          probability(v, `${game.players[p]}, information set ${infosets[p]![k]?.number ?? k + 1}, action ${a + 1}`),
        ),
      );
    });
  }
  const players = t.split(";");
  if (players.length !== game.players.length)
    throw new GameError(
      "profile.shape",
      `expected ${game.players.length} players separated by ";", found ${players.length}`,
      {},
    );
  return players.map((part, p) => {
    const actions = part.split(",");
    if (actions.length !== infosets[p]!.length)
      throw new GameError(
        "profile.shape",
        `${game.players[p]} has ${infosets[p]!.length} information sets, the profile gives ${actions.length} actions`,
        { player: game.players[p] },
      );
    return actions.map((a, k) =>
      pick(infosets[p]![k]!.actions, a, `${game.players[p]}, information set ${infosets[p]![k]!.number}`),
    );
  });
}
