import { parseScenario } from "../../src/market/scenario/parse_scenario.js";

/** Four households on one June day: two PV sellers, two buyers (one bids truthfully, one has an EV at midday). */
export const small = parseScenario({
  name: "Four houses",
  seed: 3,
  start: "2024-06-10",
  days: 1,
  timezoneOffsetHours: 1,
  tariff: {
    import: [
      { from: "00:00", price: 0.26 },
      { from: "07:00", price: 0.34 },
    ],
    feedIn: 0.08,
  },
  market: {
    name: "Lane",
    mechanism: "pay-as-clear",
    members: [
      { name: "Pia", load: { annualKWh: 3000 }, pv: { kWp: 6 } },
      { name: "Raj", load: { annualKWh: 2500 }, pv: { kWp: 4 } },
      { name: "Sam", load: { annualKWh: 4000 }, strategy: "truthful" },
      {
        name: "Tess",
        load: { annualKWh: 3500 },
        ev: { arrival: "11:00", departure: "17:00", energyKWh: 8, chargerKW: 7.4, policy: "immediate" },
      },
    ],
  },
});
