import type { BatterySpec } from "../assets/battery.js";
import type { EvSpec } from "../assets/electric_vehicle.js";
import type { FlexibleLoadSpec } from "../assets/flexible_load.js";
import type { LoadSpec } from "../assets/household_load.js";
import type { PvSpec } from "../assets/pv.js";
import type { UtilityTariff } from "../assets/utility_tariff.js";
import type { MechanismName } from "../mechanisms/registry.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Energy } from "../units/energy.js";
import type { PartsPerMillion, Price } from "../units/price.js";
import type { Clock } from "./clock.js";

/** A household (or any metered site) behind one connection, with its assets and its bidding strategy. */
export interface ParticipantSpec {
  readonly name: string;
  readonly strategy: StrategySpec;
  readonly load?: LoadSpec;
  readonly pv?: PvSpec;
  readonly battery?: BatterySpec;
  readonly ev?: EvSpec;
  readonly flexibleLoads: readonly FlexibleLoadSpec[];
}

/**
 * A market's grid fee, charged on every kWh that trades in or passes through it: a constant per kWh plus a
 * percentage of the forwarded order's original price (gsy-e's two fee models; both may be set).
 */
export interface GridFee {
  readonly constant: Price;
  readonly percent: PartsPerMillion;
}

/** A node of the market tree: a community, a region, …; members are participants, children are markets. */
export interface MarketSpec {
  readonly name: string;
  readonly mechanism: MechanismName;
  /** k for the k-double auction (parts per million). */
  readonly k: PartsPerMillion;
  readonly fee: GridFee;
  /** Most energy per slot that may enter / leave this market through market trades (undefined: unlimited). */
  readonly importLimit?: Energy;
  readonly exportLimit?: Energy;
  readonly members: readonly ParticipantSpec[];
  readonly children: readonly MarketSpec[];
}

export interface Scenario {
  readonly name: string;
  readonly currency: string;
  readonly seed: number;
  readonly clock: Clock;
  readonly days: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly tariff: UtilityTariff;
  readonly market: MarketSpec;
  /** Clearing rounds per slot; strategies re-price and orders move between markets between rounds. */
  readonly ticksPerSlot: number;
  /** Rounds an order waits in a market before it is forwarded to the neighbouring markets (local trades first). */
  readonly forwardAfterTicks: number;
}

/** Every participant of the tree, depth first (members before children). */
export function allParticipants(market: MarketSpec): ParticipantSpec[] {
  return [...market.members, ...market.children.flatMap(allParticipants)];
}

/** Every market of the tree, depth first (a market before its children). */
export function allMarkets(market: MarketSpec): MarketSpec[] {
  return [market, ...market.children.flatMap(allMarkets)];
}
