import type { BatterySpec } from "../assets/battery.js";
import type { EvSpec } from "../assets/electric_vehicle.js";
import type { FlexibleLoadSpec } from "../assets/flexible_load.js";
import type { LoadSpec } from "../assets/household_load.js";
import type { PvSpec } from "../assets/pv.js";
import type { TimeOfUseBand, UtilityTariff } from "../assets/utility_tariff.js";
import { InvalidInputError } from "../errors.js";
import { isMechanismName, MECHANISM_NAMES } from "../mechanisms/registry.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { STRATEGY_KINDS } from "../strategies/strategy.js";
import { energyFromKWh } from "../units/energy.js";
import { PPM, ppmFromFraction, ppmFromPercent, priceFromDecimal } from "../units/price.js";
import { makeClock, parseTimeOfDay } from "./clock.js";
import type { GridFee, MarketSpec, ParticipantSpec, Scenario } from "./scenario.js";

/**
 * Reads a scenario JSON (see README "plurigrid market simulate") into exact units, checking every field and naming
 * the path of the first bad one, e.g. `market.members[2].battery.capacityKWh must be a positive number`.
 */
type Json = Record<string, unknown>;

const fail = (path: string, message: string, context: Record<string, unknown> = {}): never => {
  throw new InvalidInputError("scenario_invalid", `${path} ${message}`, { path, ...context });
};

function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "must be an object");
  return value as Json;
}

function number(obj: Json, key: string, path: string, options: { min?: number; max?: number; def?: number } = {}) {
  const value = obj[key] ?? options.def;
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${path}.${key}`, "must be a number");
  if (options.min !== undefined && value < options.min) fail(`${path}.${key}`, `must be at least ${options.min}`);
  if (options.max !== undefined && value > options.max) fail(`${path}.${key}`, `must be at most ${options.max}`);
  return value;
}

function positive(obj: Json, key: string, path: string, def?: number): number {
  const value = number(obj, key, path, def === undefined ? {} : { def });
  if (value <= 0) fail(`${path}.${key}`, "must be a positive number");
  return value;
}

function string(obj: Json, key: string, path: string, def?: string): string {
  const value = obj[key] ?? def;
  if (typeof value !== "string" || value === "") return fail(`${path}.${key}`, "must be a non-empty string");
  return value;
}

function oneOf<T extends string>(obj: Json, key: string, path: string, allowed: readonly T[], def: T): T {
  const value = obj[key] ?? def;
  if (typeof value !== "string" || !allowed.includes(value as T))
    fail(`${path}.${key}`, `must be one of ${allowed.join(", ")}`, { value });
  return value as T;
}

function optionalPrice(obj: Json, key: string, path: string) {
  return obj[key] === undefined ? undefined : priceFromDecimal(obj[key], `${path}.${key}`);
}

/** kW over one slot → Wh per slot. */
function perSlot(kW: number, slotMinutes: number): number {
  return Math.round((kW * 1000 * slotMinutes) / 60);
}

function bands(value: unknown, path: string): TimeOfUseBand[] {
  if (typeof value === "number" || typeof value === "string")
    return [{ from: 0, price: priceFromDecimal(value, path) }];
  if (!Array.isArray(value) || value.length === 0)
    return fail(path, 'must be a price or a list of {"from": "HH:MM", "price": …}');
  const list = value.map((raw, i) => {
    const b = object(raw, `${path}[${i}]`);
    return {
      from: parseTimeOfDay(b.from, `${path}[${i}].from`),
      price: priceFromDecimal(b.price, `${path}[${i}].price`),
    };
  });
  list.sort((a, b) => a.from - b.from);
  if (list[0]!.from !== 0) fail(path, 'must have a band starting at "00:00"');
  return list;
}

function parseTariff(value: unknown, path: string): UtilityTariff {
  const t = object(value, path);
  return { importBands: bands(t.import, `${path}.import`), feedInBands: bands(t.feedIn ?? 0, `${path}.feedIn`) };
}

export function parseStrategy(value: unknown, path: string, nested = false): StrategySpec {
  if (typeof value === "string") value = { kind: value };
  const s = object(value, path);
  const kind = oneOf(s, "kind", path, STRATEGY_KINDS, "price-ramp");
  if (kind === "truthful") return { kind };
  if (kind === "best-response") {
    if (nested) fail(`${path}.kind`, "best-response chooses both sides at once; it cannot be one side of a strategy");
    return { kind };
  }
  if (kind === "sides")
    return {
      kind,
      bid: parseStrategy(s.bid ?? "truthful", `${path}.bid`, true),
      offer: parseStrategy(s.offer ?? "truthful", `${path}.offer`, true),
    };
  if (kind === "fixed") return { kind, bid: optionalPrice(s, "bid", path), offer: optionalPrice(s, "offer", path) };
  return {
    kind,
    initialBuy: optionalPrice(s, "initialBuy", path),
    finalBuy: optionalPrice(s, "finalBuy", path),
    initialSell: optionalPrice(s, "initialSell", path),
    finalSell: optionalPrice(s, "finalSell", path),
  };
}

interface Context {
  readonly slotMinutes: number;
  readonly latitude: number;
  readonly longitude: number;
  readonly defaultStrategy: StrategySpec;
  readonly names: Set<string>;
}

function parseLoad(value: unknown, path: string): LoadSpec {
  const l = object(value, path);
  if (l.seriesKWh !== undefined) {
    if (!Array.isArray(l.seriesKWh) || l.seriesKWh.length === 0) return fail(`${path}.seriesKWh`, "must be a list");
    const energy = Int32Array.from(l.seriesKWh, (x, i) => {
      const wh = energyFromKWh(x, `${path}.seriesKWh[${i}]`);
      if (wh < 0) fail(`${path}.seriesKWh[${i}]`, "must not be negative");
      return wh;
    });
    return { kind: "series", energy };
  }
  return {
    kind: "standard-profile",
    annualEnergy: Math.round(positive(l, "annualKWh", path) * 1000),
    variability: number(l, "variability", path, { min: 0, max: 1, def: 0.2 }),
    shiftMinutes: number(l, "shiftMinutes", path, { min: 0, max: 240, def: 45 }),
  };
}

/** A PV array from its JSON shape (kWp, performanceRatio, latitude, longitude). */
export function parsePv(value: unknown, path: string, ctx: { latitude: number; longitude: number }): PvSpec {
  const p = object(value, path);
  return {
    kWp: positive(p, "kWp", path),
    performanceRatio: number(p, "performanceRatio", path, { min: 0.1, max: 1, def: 0.8 }),
    latitude: number(p, "latitude", path, { min: -90, max: 90, def: ctx.latitude }),
    longitude: number(p, "longitude", path, { min: -180, max: 180, def: ctx.longitude }),
  };
}

/** A battery from its JSON shape (capacityKWh, powerKW, minSoc, …), for slots of `slotMinutes`. */
export function parseBattery(value: unknown, path: string, ctx: { slotMinutes: number }): BatterySpec {
  const b = object(value, path);
  const capacity = Math.round(positive(b, "capacityKWh", path) * 1000);
  const power = positive(b, "powerKW", path, capacity / 2000);
  const minSoc = number(b, "minSoc", path, { min: 0, max: 1, def: 0.1 });
  const maxSoc = number(b, "maxSoc", path, { min: 0, max: 1, def: 1 });
  if (maxSoc <= minSoc) fail(`${path}.maxSoc`, "must be above minSoc");
  const initialSoc = number(b, "initialSoc", path, { min: minSoc, max: maxSoc, def: minSoc });
  return {
    capacity,
    minEnergy: Math.round(capacity * minSoc),
    maxEnergy: Math.round(capacity * maxSoc),
    initialEnergy: Math.round(capacity * initialSoc),
    maxChargePerSlot: perSlot(number(b, "chargeKW", path, { min: 0, def: power }), ctx.slotMinutes),
    maxDischargePerSlot: perSlot(number(b, "dischargeKW", path, { min: 0, def: power }), ctx.slotMinutes),
    roundTripEfficiency: number(b, "roundTripEfficiency", path, { min: 0.1, max: 1, def: 0.9 }),
    policy: oneOf(b, "policy", path, ["self-consumption", "time-of-use"] as const, "self-consumption"),
  };
}

function parseEv(value: unknown, path: string, ctx: Context): EvSpec {
  const e = object(value, path);
  const arrival = parseTimeOfDay(e.arrival ?? "18:00", `${path}.arrival`);
  const departure = parseTimeOfDay(e.departure ?? "07:30", `${path}.departure`);
  if (arrival % 1440 === departure % 1440) fail(`${path}.departure`, "must differ from arrival");
  return {
    arrival: arrival % 1440,
    departure: departure % 1440,
    energyPerSession: Math.round(positive(e, "energyKWh", path) * 1000),
    maxChargePerSlot: perSlot(positive(e, "chargerKW", path, 11), ctx.slotMinutes),
    policy: oneOf(e, "policy", path, ["immediate", "solar"] as const, "immediate"),
  };
}

function parseFlexibleLoad(value: unknown, path: string, ctx: Context): FlexibleLoadSpec {
  const f = object(value, path);
  const window = f.window ?? ["00:00", "24:00"];
  if (!Array.isArray(window) || window.length !== 2) return fail(`${path}.window`, 'must be ["HH:MM", "HH:MM"]');
  const windowStart = parseTimeOfDay(window[0], `${path}.window[0]`);
  const windowEnd = parseTimeOfDay(window[1], `${path}.window[1]`);
  const durationSlots = Math.max(1, Math.ceil(positive(f, "durationMinutes", path, 60) / ctx.slotMinutes));
  if (Math.floor(windowEnd / ctx.slotMinutes) - Math.ceil(windowStart / ctx.slotMinutes) < durationSlots)
    fail(`${path}.window`, "is too short for the run (window end must come after start plus duration)");
  return {
    name: string(f, "name", path, "flexible load"),
    energy: Math.round(positive(f, "energyKWh", path) * 1000),
    durationSlots,
    windowStart,
    windowEnd,
    policy: oneOf(f, "policy", path, ["earliest", "solar", "cheapest"] as const, "earliest"),
  };
}

function parseParticipant(value: unknown, path: string, ctx: Context): ParticipantSpec {
  const p = object(value, path);
  const name = string(p, "name", path);
  if (ctx.names.has(name)) fail(`${path}.name`, `"${name}" is used twice (names must be unique across markets)`);
  ctx.names.add(name);
  const flexible = p.flexibleLoads ?? [];
  if (!Array.isArray(flexible)) return fail(`${path}.flexibleLoads`, "must be a list");
  return {
    name,
    strategy: p.strategy === undefined ? ctx.defaultStrategy : parseStrategy(p.strategy, `${path}.strategy`),
    load: p.load === undefined ? undefined : parseLoad(p.load, `${path}.load`),
    pv: p.pv === undefined ? undefined : parsePv(p.pv, `${path}.pv`, ctx),
    battery: p.battery === undefined ? undefined : parseBattery(p.battery, `${path}.battery`, ctx),
    ev: p.ev === undefined ? undefined : parseEv(p.ev, `${path}.ev`, ctx),
    flexibleLoads: flexible.map((f, i) => parseFlexibleLoad(f, `${path}.flexibleLoads[${i}]`, ctx)),
  };
}

function parseFee(value: unknown, path: string): GridFee {
  if (value === undefined) return { constant: 0, percent: 0 };
  const f = object(value, path);
  const fee = {
    constant: f.constant === undefined ? 0 : priceFromDecimal(f.constant, `${path}.constant`),
    percent: f.percent === undefined ? 0 : ppmFromPercent(f.percent, `${path}.percent`),
  };
  if (fee.constant < 0 || fee.percent < 0) fail(path, "must not be negative");
  if (fee.percent >= PPM) fail(`${path}.percent`, "must be below 100");
  return fee;
}

function parseMarket(value: unknown, path: string, ctx: Context, inherited: string, names: Set<string>): MarketSpec {
  const m = object(value, path);
  const name = string(m, "name", path);
  if (names.has(name)) fail(`${path}.name`, `market "${name}" is used twice`);
  names.add(name);
  const mechanism = string(m, "mechanism", path, inherited);
  if (!isMechanismName(mechanism))
    fail(`${path}.mechanism`, `"${mechanism}" is not a mechanism (known: ${MECHANISM_NAMES.join(", ")})`);
  const members = m.members ?? [];
  const children = m.children ?? [];
  if (!Array.isArray(members)) return fail(`${path}.members`, "must be a list");
  if (!Array.isArray(children)) return fail(`${path}.children`, "must be a list");
  const limit = (key: string) =>
    m[key] === undefined ? undefined : perSlot(number(m, key, path, { min: 0 }), ctx.slotMinutes);
  return {
    name,
    mechanism: mechanism as MarketSpec["mechanism"],
    k: m.k === undefined ? PPM / 2 : ppmFromFraction(m.k, `${path}.k`),
    fee: parseFee(m.fee, `${path}.fee`),
    importLimit: limit("importLimitKW"),
    exportLimit: limit("exportLimitKW"),
    members: members.map((p, i) => parseParticipant(p, `${path}.members[${i}]`, ctx)),
    children: children.map((c, i) => parseMarket(c, `${path}.children[${i}]`, ctx, mechanism, names)),
  };
}

export function parseScenario(json: unknown): Scenario {
  const s = object(json, "scenario");
  const slotMinutes = number(s, "slotMinutes", "scenario", { def: 15 });
  const clock = makeClock(
    string(s, "start", "scenario", "2024-06-03"),
    slotMinutes,
    number(s, "timezoneOffsetHours", "scenario", { def: 0 }),
  );
  const location = object(s.location ?? {}, "scenario.location");
  const latitude = number(location, "latitude", "scenario.location", { min: -90, max: 90, def: 52.5 });
  const longitude = number(location, "longitude", "scenario.location", { min: -180, max: 180, def: 13.4 });
  const ctx: Context = {
    slotMinutes,
    latitude,
    longitude,
    defaultStrategy:
      s.defaultStrategy === undefined
        ? { kind: "price-ramp" }
        : parseStrategy(s.defaultStrategy, "scenario.defaultStrategy"),
    names: new Set(),
  };
  const seed = number(s, "seed", "scenario", { def: 1 });
  if (!Number.isInteger(seed)) fail("scenario.seed", "must be an integer");
  const days = number(s, "days", "scenario", { min: 1, def: 7 });
  if (!Number.isInteger(days)) fail("scenario.days", "must be a whole number");
  const ticksPerSlot = number(s, "ticksPerSlot", "scenario", { min: 1, max: 1000, def: 10 });
  const forwardAfterTicks = number(s, "forwardAfterTicks", "scenario", { min: 1, def: 2 });
  if (!Number.isInteger(ticksPerSlot) || !Number.isInteger(forwardAfterTicks))
    fail("scenario.ticksPerSlot", "and forwardAfterTicks must be whole numbers");
  const market = parseMarket(s.market, "scenario.market", ctx, "pay-as-clear", new Set());
  if (ctx.names.size === 0) fail("scenario.market", "has no participants");
  return {
    name: string(s, "name", "scenario", "scenario"),
    currency: string(s, "currency", "scenario", "EUR"),
    seed,
    clock,
    days,
    latitude,
    longitude,
    tariff: parseTariff(s.tariff ?? { import: 0.3, feedIn: 0.08 }, "scenario.tariff"),
    market,
    ticksPerSlot,
    forwardAfterTicks,
  };
}
