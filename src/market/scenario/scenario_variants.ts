import type { BatterySpec } from "../assets/battery.js";
import type { PvSpec } from "../assets/pv.js";
import type { UtilityTariff } from "../assets/utility_tariff.js";
import { InvalidInputError } from "../errors.js";
import type { MechanismName } from "../mechanisms/registry.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { allParticipants, type MarketSpec, type ParticipantSpec, type Scenario } from "./scenario.js";

/**
 * Pure edits of a scenario — the building blocks of counterfactuals and microworlds. Each returns a new scenario
 * and leaves the original untouched; naming a participant or market that does not exist is an error.
 */

function mapMarkets(market: MarketSpec, edit: (m: MarketSpec) => MarketSpec): MarketSpec {
  const edited = edit(market);
  return { ...edited, children: edited.children.map((c) => mapMarkets(c, edit)) };
}

/** Applies `edit` to the named participant. */
export function editParticipant(
  scenario: Scenario,
  name: string,
  edit: (p: ParticipantSpec) => ParticipantSpec,
): Scenario {
  if (!allParticipants(scenario.market).some((p) => p.name === name))
    throw new InvalidInputError("unknown_participant", `no participant "${name}" in ${scenario.name}`, {
      participant: name,
      known: allParticipants(scenario.market).map((p) => p.name),
    });
  return {
    ...scenario,
    market: mapMarkets(scenario.market, (m) => ({
      ...m,
      members: m.members.map((p) => (p.name === name ? edit(p) : p)),
    })),
  };
}

export const withStrategy = (s: Scenario, name: string, strategy: StrategySpec) =>
  editParticipant(s, name, (p) => ({ ...p, strategy }));

export const withBattery = (s: Scenario, name: string, battery: BatterySpec | undefined) =>
  editParticipant(s, name, (p) => ({ ...p, battery }));

export const withPv = (s: Scenario, name: string, pv: PvSpec | undefined) =>
  editParticipant(s, name, (p) => ({ ...p, pv }));

/** Switches the participant's EV to a charging policy (no-op error if it has no EV). */
export function withEvPolicy(s: Scenario, name: string, policy: "immediate" | "solar"): Scenario {
  return editParticipant(s, name, (p) => {
    if (!p.ev) throw new InvalidInputError("no_such_asset", `${name} has no EV`, { participant: name });
    return { ...p, ev: { ...p.ev, policy } };
  });
}

/** Sets every flexible load of the participant to a scheduling policy. */
export function withFlexiblePolicy(s: Scenario, name: string, policy: "earliest" | "solar" | "cheapest"): Scenario {
  return editParticipant(s, name, (p) => {
    if (p.flexibleLoads.length === 0)
      throw new InvalidInputError("no_such_asset", `${name} has no flexible loads`, { participant: name });
    return { ...p, flexibleLoads: p.flexibleLoads.map((f) => ({ ...f, policy })) };
  });
}

/** Switches the named market (or every market) to a mechanism. */
export function withMechanism(s: Scenario, mechanism: MechanismName, marketName?: string): Scenario {
  let found = marketName === undefined;
  const market = mapMarkets(s.market, (m) => {
    if (marketName !== undefined && m.name !== marketName) return m;
    found = true;
    return { ...m, mechanism };
  });
  if (!found) throw new InvalidInputError("unknown_market", `no market "${marketName}" in ${s.name}`, { marketName });
  return { ...s, market };
}

/** Everyone uses the same strategy (e.g. truthful bidding to compare mechanisms). */
export function withEveryone(s: Scenario, strategy: StrategySpec): Scenario {
  return { ...s, market: mapMarkets(s.market, (m) => ({ ...m, members: m.members.map((p) => ({ ...p, strategy })) })) };
}

export const withTariff = (s: Scenario, tariff: UtilityTariff): Scenario => ({ ...s, tariff });

export const renamed = (s: Scenario, name: string): Scenario => ({ ...s, name });
