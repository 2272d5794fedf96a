import { InvalidInputError } from "../errors.js";

/**
 * Simulated time: whole days of equal slots starting at local midnight of `start`. Local time is UTC plus a fixed
 * offset (no daylight saving), which is all the solar model and load profiles need. Never reads the wall clock.
 */
export interface Clock {
  readonly start: string;
  readonly slotMinutes: number;
  readonly slotsPerDay: number;
  readonly timezoneOffsetHours: number;
}

export interface CalendarDay {
  /** Days since the start. */
  readonly index: number;
  readonly year: number;
  /** 0–11 */
  readonly month: number;
  /** 1–31 */
  readonly dayOfMonth: number;
  /** 1–366 */
  readonly dayOfYear: number;
  /** 0 Sunday … 6 Saturday */
  readonly weekday: number;
  readonly isoDate: string;
}

export function makeClock(start: string, slotMinutes: number, timezoneOffsetHours: number): Clock {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))
    throw new InvalidInputError("scenario_invalid", `start must be a date YYYY-MM-DD, got "${start}"`, { start });
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0 || 1440 % slotMinutes !== 0)
    throw new InvalidInputError("scenario_invalid", `slotMinutes must divide a day, got ${slotMinutes}`, {
      slotMinutes,
    });
  if (!Number.isFinite(timezoneOffsetHours) || Math.abs(timezoneOffsetHours) > 14)
    throw new InvalidInputError("scenario_invalid", `timezoneOffsetHours must be within ±14`, { timezoneOffsetHours });
  return { start, slotMinutes, slotsPerDay: 1440 / slotMinutes, timezoneOffsetHours };
}

const DAY_MS = 86_400_000;

export function calendarDay(clock: Clock, index: number): CalendarDay {
  const date = new Date(Date.parse(`${clock.start}T00:00:00Z`) + index * DAY_MS);
  const year = date.getUTCFullYear();
  const dayOfYear = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  return {
    index,
    year,
    month: date.getUTCMonth(),
    dayOfMonth: date.getUTCDate(),
    dayOfYear,
    weekday: date.getUTCDay(),
    isoDate: date.toISOString().slice(0, 10),
  };
}

/** "HH:MM" → minutes after midnight. */
export function parseTimeOfDay(text: unknown, what: string): number {
  const m = typeof text === "string" ? /^(\d{1,2}):(\d{2})$/.exec(text) : null;
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 1440)
    throw new InvalidInputError("scenario_invalid", `${what} must be a time "HH:MM", got ${JSON.stringify(text)}`, {
      field: what,
    });
  return minutes;
}

/** Minutes → "HH:MM". */
export function formatTimeOfDay(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
