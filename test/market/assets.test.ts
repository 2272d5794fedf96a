import { test } from "node:test";
import assert from "node:assert/strict";
import { charge, discharge, type BatterySpec } from "../../src/market/assets/battery.js";
import { evSlotBounds, initialEvState, type EvSpec } from "../../src/market/assets/electric_vehicle.js";
import { scheduleFlexibleLoad } from "../../src/market/assets/flexible_load.js";
import { loadDayEnergy } from "../../src/market/assets/household_load.js";
import { pvDayEnergy } from "../../src/market/assets/pv.js";
import { clearSkyIrradiance, cosSolarZenith } from "../../src/market/assets/solar_position.js";
import { importPriceAt, feedInPriceAt } from "../../src/market/assets/utility_tariff.js";
import { dayWeather } from "../../src/market/assets/weather.js";
import { calendarDay, makeClock } from "../../src/market/scenario/clock.js";

test("solar position: noon sun at the equinox stands at the latitude; none at midnight", () => {
  // 2024-03-20 is day 80; at longitude 0, solar noon is within minutes of 12:00 UTC.
  const zenith = (Math.acos(cosSolarZenith(50, 0, 80, 12.12)) * 180) / Math.PI;
  assert.ok(Math.abs(zenith - 50) < 1, `zenith ${zenith}`);
  assert.ok(cosSolarZenith(50, 0, 80, 0) < 0);
  // Summer solstice at 50°N: zenith ≈ 50 − 23.44.
  const summer = (Math.acos(cosSolarZenith(50, 0, 172, 12.03)) * 180) / Math.PI;
  assert.ok(Math.abs(summer - 26.56) < 0.5, `summer zenith ${summer}`);
  assert.equal(clearSkyIrradiance(-0.1), 0);
  assert.ok(Math.abs(clearSkyIrradiance(1) - 1098 * Math.exp(-0.059)) < 1e-9);
});

test("PV: zero at night, peaks near solar noon, scales with kWp, dims under cloud", () => {
  const clock = makeClock("2024-06-21", 15, 1);
  const day = calendarDay(clock, 0);
  const sunny = { hourly: new Float64Array(25).fill(1) };
  const pv = { kWp: 5, performanceRatio: 0.8, latitude: 48, longitude: 8 };
  const e = pvDayEnergy(pv, clock, day, sunny);
  assert.equal(e[0], 0); // 00:00 local
  assert.equal(e[95], 0);
  const peak = e.indexOf(Math.max(...e));
  assert.ok(peak >= 48 && peak <= 56, `peak slot ${peak}`); // 12:00–14:00 local (solar noon ≈ 13:30 at UTC+1, 8°E)
  assert.ok(Math.max(...e) < 5000 * 0.25 && Math.max(...e) > 600); // < kWp × 15 min
  const daily = e.reduce((a, b) => a + b, 0);
  assert.ok(daily > 25_000 && daily < 45_000, `daily ${daily} Wh for 5 kWp in June`);
  const double = pvDayEnergy({ ...pv, kWp: 10 }, clock, day, sunny).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(double - 2 * daily) <= 96);
  const cloudy = pvDayEnergy(pv, clock, day, { hourly: new Float64Array(25).fill(0.3) }).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(cloudy - 0.3 * daily) < 200);
});

test("weather is seeded: the same day always gets the same sky, days differ", () => {
  assert.deepEqual(dayWeather(1, 5), dayWeather(1, 5));
  assert.notDeepEqual(dayWeather(1, 5), dayWeather(1, 6));
  assert.notDeepEqual(dayWeather(1, 5), dayWeather(2, 5));
});

test("household load: the standard profile scaled to the annual consumption over a year", () => {
  const clock = makeClock("2023-01-01", 60, 0);
  const spec = { kind: "standard-profile" as const, annualEnergy: 3_500_000, variability: 0, shiftMinutes: 0 };
  let total = 0;
  for (let d = 0; d < 365; d++)
    total += loadDayEnergy(spec, clock, calendarDay(clock, d), 1, "x").reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 3_500_000) < 3_500, `annual ${total} Wh`);
  const winter = loadDayEnergy(spec, clock, calendarDay(clock, 10), 1, "x");
  assert.ok(winter[18]! > winter[3]!, "evening above night");
  const noisy = { ...spec, variability: 0.2, shiftMinutes: 45 };
  assert.deepEqual(
    loadDayEnergy(noisy, clock, calendarDay(clock, 3), 9, "a"),
    loadDayEnergy(noisy, clock, calendarDay(clock, 3), 9, "a"),
  );
  assert.notDeepEqual(
    loadDayEnergy(noisy, clock, calendarDay(clock, 3), 9, "a"),
    loadDayEnergy(noisy, clock, calendarDay(clock, 3), 9, "b"),
  );
  const series = { kind: "series" as const, energy: Int32Array.from([100, 200]) };
  assert.deepEqual(
    [...loadDayEnergy(series, makeClock("2024-01-01", 360, 0), calendarDay(clock, 1), 1, "s")],
    [100, 200, 100, 200],
  );
});

test("battery: power and SOC limits hold, losses are whole Wh and exact", () => {
  const b: BatterySpec = {
    capacity: 10_000,
    minEnergy: 1_000,
    maxEnergy: 10_000,
    initialEnergy: 1_000,
    maxChargePerSlot: 1_250,
    maxDischargePerSlot: 1_250,
    roundTripEfficiency: 0.81,
    policy: "self-consumption",
  };
  const state = { stored: b.initialEnergy, fromPv: b.initialEnergy };
  const c = charge(b, state, 5_000);
  assert.deepEqual(c, { taken: 1_250, stored: 1_125 }); // √0.81 = 0.9
  assert.equal(state.stored, 2_125);
  const d = discharge(b, state, 5_000);
  assert.equal(d.delivered, 1_012); // (2125 − 1000) × 0.9 = 1012.5 → 1012
  assert.equal(state.stored, 2_125 - d.drawn);
  assert.ok(state.stored >= b.minEnergy);
  assert.deepEqual(discharge(b, state, 5_000), { delivered: 0, drawn: 0 });
  state.stored = 9_900;
  const top = charge(b, state, 1_000);
  assert.ok(state.stored <= b.maxEnergy && top.stored <= 100 && top.taken - top.stored >= 0);
});

test("EV: immediate charges on arrival; solar waits for surplus but never misses the departure", () => {
  const ev: EvSpec = {
    arrival: 18 * 60,
    departure: 7 * 60,
    energyPerSession: 10_000,
    maxChargePerSlot: 2_750,
    policy: "solar",
  };
  const state = initialEvState(ev);
  assert.deepEqual(evSlotBounds(ev, state, 12 * 60, 15), { mustCharge: 0, canCharge: 0 }); // away
  const arrival = evSlotBounds(ev, state, 18 * 60, 15);
  assert.equal(arrival.mustCharge, 0);
  assert.equal(arrival.canCharge, 2_750);
  // 06:00: three slots after this one → 3 × 2.75 = 8.25 kWh can still come later, so 1.75 kWh is due now.
  const due = evSlotBounds(ev, state, 6 * 60, 15);
  assert.equal(due.mustCharge, 1_750);
  state.needed -= 10_000;
  evSlotBounds(ev, state, 7 * 60, 15); // departs
  assert.equal(state.unmet, 0);
  const immediate = { ...ev, policy: "immediate" as const };
  const s2 = initialEvState(immediate);
  evSlotBounds(immediate, s2, 12 * 60, 15); // away during the day
  assert.deepEqual(evSlotBounds(immediate, s2, 18 * 60, 15), { mustCharge: 2_750, canCharge: 2_750 });
});

test("flexible loads: earliest, most solar overlap, or cheapest tariff", () => {
  const load = {
    name: "wm",
    energy: 1_001,
    durationSlots: 2,
    windowStart: 60,
    windowEnd: 600,
    policy: "earliest" as const,
  };
  const slots = 24;
  const surplus = Array.from({ length: slots }, (_, k) => (k >= 6 && k <= 7 ? 800 : 0));
  const price = Array.from({ length: slots }, (_, k) => (k >= 8 ? 100 : 300));
  const at = (p: "earliest" | "solar" | "cheapest") =>
    [...scheduleFlexibleLoad({ ...load, policy: p }, 60, surplus, price)].findIndex((x) => x > 0);
  assert.equal(at("earliest"), 1);
  assert.equal(at("solar"), 6);
  assert.equal(at("cheapest"), 8);
  assert.equal(
    scheduleFlexibleLoad(load, 60, surplus, price).reduce((a, b) => a + b, 0),
    1_001,
  );
});

test("time-of-use tariff: the band in force at each minute", () => {
  const t = {
    importBands: [
      { from: 0, price: 200_000 },
      { from: 420, price: 340_000 },
    ],
    feedInBands: [{ from: 0, price: 80_000 }],
  };
  assert.equal(importPriceAt(t, 419), 200_000);
  assert.equal(importPriceAt(t, 420), 340_000);
  assert.equal(feedInPriceAt(t, 1000), 80_000);
});
