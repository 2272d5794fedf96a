import type { Price } from "../units/price.js";

/**
 * The utility (the grid's retail supplier): an import price, flat or time-of-use, and a feed-in tariff paid for
 * exported energy. It always sells and always buys, so it bounds what anyone should pay or accept locally.
 */
export interface TimeOfUseBand {
  /** Local minute of the day at which this price starts. */
  readonly from: number;
  readonly price: Price;
}

export interface UtilityTariff {
  /** Bands sorted by `from`, the first starting at 0; a flat tariff is one band. */
  readonly importBands: readonly TimeOfUseBand[];
  readonly feedInBands: readonly TimeOfUseBand[];
}

function priceAt(bands: readonly TimeOfUseBand[], minute: number): Price {
  let price = bands[0]!.price;
  for (const band of bands) if (band.from <= minute) price = band.price;
  return price;
}

export function importPriceAt(t: UtilityTariff, minuteOfDay: number): Price {
  return priceAt(t.importBands, minuteOfDay);
}

export function feedInPriceAt(t: UtilityTariff, minuteOfDay: number): Price {
  return priceAt(t.feedInBands, minuteOfDay);
}

/** The tariff per slot of a day, so the inner loops index arrays instead of searching bands. */
export function tariffForDay(t: UtilityTariff, slotMinutes: number, slotsPerDay: number) {
  const importPrice = new Int32Array(slotsPerDay);
  const feedIn = new Int32Array(slotsPerDay);
  for (let k = 0; k < slotsPerDay; k++) {
    importPrice[k] = importPriceAt(t, k * slotMinutes);
    feedIn[k] = feedInPriceAt(t, k * slotMinutes);
  }
  return { importPrice, feedIn };
}
