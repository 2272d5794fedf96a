/**
 * The sun's zenith angle from latitude, longitude and UTC time, with the NOAA "general solar position"
 * approximations (fractional-year Fourier series for the declination and the equation of time); accurate to a few
 * minutes of time, ample for hourly PV yields.
 */
const RAD = Math.PI / 180;

/** cos(zenith) at `utcHours` (may exceed 24) on day-of-year `dayOfYear`; ≤ 0 when the sun is down. */
export function cosSolarZenith(latitude: number, longitude: number, dayOfYear: number, utcHours: number): number {
  const g = ((2 * Math.PI) / 365) * (dayOfYear - 1 + (utcHours - 12) / 24);
  const equationOfTime =
    229.18 *
    (0.000075 +
      0.001868 * Math.cos(g) -
      0.032077 * Math.sin(g) -
      0.014615 * Math.cos(2 * g) -
      0.040849 * Math.sin(2 * g));
  const declination =
    0.006918 -
    0.399912 * Math.cos(g) +
    0.070257 * Math.sin(g) -
    0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) -
    0.002697 * Math.cos(3 * g) +
    0.00148 * Math.sin(3 * g);
  const trueSolarMinutes = utcHours * 60 + equationOfTime + 4 * longitude;
  const hourAngle = (trueSolarMinutes / 4 - 180) * RAD;
  const phi = latitude * RAD;
  return Math.sin(phi) * Math.sin(declination) + Math.cos(phi) * Math.cos(declination) * Math.cos(hourAngle);
}

/** Haurwitz clear-sky global horizontal irradiance in W/m² for a given cos(zenith). */
export function clearSkyIrradiance(cosZenith: number): number {
  return cosZenith <= 0 ? 0 : 1098 * cosZenith * Math.exp(-0.059 / cosZenith);
}
