import { sdkErrors } from "./errors.js";

/**
 * Coins as the Cosmos SDK handles them: an amount is a non-negative integer of at most 256 bits (math.Int), a
 * denom matches `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`, and a Coins list is sorted by denom, without duplicates or zero
 * amounts. Amounts are bigints here; on the wire they are decimal strings.
 */
export interface Coin {
  denom: string;
  amount: bigint;
}

/** The JSON/protobuf shape: amount as a decimal string. */
export interface WireCoin {
  denom: string;
  amount: string;
}

const DENOM = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;
const MAX_AMOUNT = (1n << 256n) - 1n;
const DECIMAL = /^[0-9]+$/;

export function isValidDenom(denom: string): boolean {
  return DENOM.test(denom);
}

export function validateDenom(denom: string): void {
  if (!isValidDenom(denom)) throw sdkErrors.invalidCoins.wrap(`invalid denom: ${denom}`);
}

/** Parses a decimal amount (math.Int semantics: at most 256 bits). */
export function parseAmount(text: string): bigint {
  if (!DECIMAL.test(text)) throw sdkErrors.invalidCoins.wrap(`invalid amount: ${JSON.stringify(text)}`);
  const amount = BigInt(text);
  if (amount > MAX_AMOUNT) throw sdkErrors.invalidCoins.wrap(`amount ${text} exceeds 256 bits`);
  return amount;
}

export function coinToString(coin: Coin): string {
  return `${coin.amount}${coin.denom}`;
}

/** sdk.Coins.String(): "10uatom,5ugrid"; empty coins print as "". */
export function coinsToString(coins: readonly Coin[]): string {
  return coins.map(coinToString).join(",");
}

export function toWire(coins: readonly Coin[]): WireCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

/**
 * Coins from the wire, normalised as wasmd's ConvertWasmCoinsToSdkCoins does: every coin validated, equal denoms
 * summed, zero amounts dropped, sorted by denom.
 */
export function fromWire(coins: readonly WireCoin[]): Coin[] {
  const sums = new Map<string, bigint>();
  for (const c of coins) {
    if (typeof c?.denom !== "string" || typeof c.amount !== "string") {
      throw sdkErrors.invalidCoins.wrap(`invalid coin ${JSON.stringify(c)}`);
    }
    validateDenom(c.denom);
    sums.set(c.denom, (sums.get(c.denom) ?? 0n) + parseAmount(c.amount));
  }
  return normalize([...sums].map(([denom, amount]) => ({ denom, amount })));
}

/**
 * Validates coins exactly as given (sdk.Coins.Validate): sorted, no duplicates, all amounts positive. Messages
 * carry their coins this way; a client that sends them unsorted gets an error, as on wasmd.
 */
export function validateCoins(coins: readonly Coin[]): void {
  for (let i = 0; i < coins.length; i++) {
    const c = coins[i];
    validateDenom(c.denom);
    if (c.amount <= 0n) throw sdkErrors.invalidCoins.wrap(`coin ${coinToString(c)} amount is not positive`);
    if (c.amount > MAX_AMOUNT) throw sdkErrors.invalidCoins.wrap(`coin ${c.denom} amount exceeds 256 bits`);
    if (i > 0 && coins[i - 1].denom >= c.denom) {
      throw sdkErrors.invalidCoins.wrap(
        `denomination ${c.denom} is not sorted or is duplicated: ${coinsToString(coins)}`,
      );
    }
  }
}

/** Sorted by denom, zero amounts dropped (sdk.NewCoins without the duplicate check). */
export function normalize(coins: readonly Coin[]): Coin[] {
  return coins.filter((c) => c.amount !== 0n).sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
}

/**
 * Parses the CLI form "100ugrid,5uatom" (sdk.ParseCoinsNormalized without decimals). An empty string is no coins.
 */
export function parseCoins(text: string): Coin[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const coins: Coin[] = [];
  for (const part of trimmed.split(",")) {
    const m = /^\s*([0-9]+)\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})\s*$/.exec(part);
    if (!m) throw sdkErrors.invalidCoins.wrap(`invalid coin expression: ${JSON.stringify(part.trim())}`);
    coins.push({ denom: m[2], amount: parseAmount(m[1]) });
  }
  return fromWire(toWire(coins));
}
