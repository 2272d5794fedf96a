/**
 * The cw20-ics20 round-trip workload of `npm run bench:ibc`, shared by both sides (cw-simulate and our nodes):
 * cw20-base and cw20-ics20 from `@oraichain/common-contracts-build` (cw-plus cw20-ics20 1.0.1), their instantiate
 * messages, the cw20 `send` that starts a transfer, and the end-state check.
 *
 * What one round trip is, with cw20-ics20 on BOTH chains (the only setting both sides can run):
 *
 * 1. On A, the sender executes cw20-base `send` of `amount` tokens to A's cw20-ics20 with a `TransferMsg`; cw20-base
 *    calls cw20-ics20's `receive`, which escrows the tokens (adds them to the channel's outstanding balance and to
 *    `total_sent`) and sends an ICS-20 packet (denom `cw20:<token address>`).
 * 2. On B, cw20-ics20's `ibc_packet_receive` takes the packet and answers with an ERROR acknowledgement: cw-plus
 *    cw20-ics20 only redeems vouchers of tokens that left its own chain and never mints vouchers of foreign tokens
 *    (`parse_voucher_denom` → `NoForeignTokens`). This is the contract's fixed behaviour, not a failure of the run.
 * 3. On A, cw20-ics20's `ibc_packet_ack` takes that acknowledgement, removes the tokens from the channel's outstanding
 *    balance and refunds them to the sender with a cw20 `transfer` submessage (`total_sent` keeps counting).
 *
 * So after N round trips of `amount`: the sender has its initial balance back, A's cw20-ics20 holds nothing, the
 * channel's outstanding balance is 0, `total_sent` is N × amount, and every acknowledgement equals
 * {@link FOREIGN_TOKEN_ACK}. {@link checkRoundTrips} checks exactly that, so a round trip that failed anywhere
 * (no packet, no receive, no ack, no refund) cannot be measured.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** cw-plus cw20-base and cw20-ics20 (1.0.1) as shipped by `@oraichain/common-contracts-build` (devDependency). */
export const CW20_BASE_WASM_PATH: string = require.resolve("@oraichain/common-contracts-build/data/cw20-base.wasm");
export const CW20_ICS20_WASM_PATH: string = require.resolve("@oraichain/common-contracts-build/data/cw20-ics20.wasm");

export function loadCw20Ics20Wasms(): { cw20Base: Uint8Array; cw20Ics20: Uint8Array } {
  return {
    cw20Base: new Uint8Array(readFileSync(CW20_BASE_WASM_PATH)),
    cw20Ics20: new Uint8Array(readFileSync(CW20_ICS20_WASM_PATH)),
  };
}

/** The channel version cw20-ics20 requires (unordered channels only). */
export const ICS20_VERSION = "ics20-1";

/** What B's cw20-ics20 answers a packet of a token foreign to it with (cw-plus `ContractError::NoForeignTokens`). */
export const FOREIGN_TOKEN_ERROR =
  "Only accepts tokens that originate on this chain, not native tokens of remote chain";

/** The acknowledgement B writes for every round trip: cw20-ics20's `Ics20Ack::Error`, JSON. */
export const FOREIGN_TOKEN_ACK = JSON.stringify({ error: FOREIGN_TOKEN_ERROR });

/** Tokens moved per round trip. */
export const ROUND_TRIP_AMOUNT = 7n;

/** The sender's initial cw20 balance: far above anything the round trips escrow at once. */
export const SENDER_INITIAL_BALANCE = 10n ** 15n;

/** cw20-base instantiate: one holder with `amount` tokens. */
export function cw20InstantiateMsg(holder: string, amount: bigint = SENDER_INITIAL_BALANCE) {
  return {
    name: "Kilowatt hour",
    symbol: "KWH",
    decimals: 3,
    initial_balances: [{ address: holder, amount: amount.toString() }],
    mint: null,
    marketing: null,
  };
}

/**
 * cw20-ics20 instantiate: `gov` administers it; `allowCw20` (A's token) is on the allow list, since cw20-ics20 only
 * sends allowed cw20 tokens. Packets time out `default_timeout` seconds after the sending block.
 */
export function ics20InstantiateMsg(gov: string, allowCw20?: string) {
  return {
    default_timeout: 3600,
    gov_contract: gov,
    allowlist: allowCw20 === undefined ? [] : [{ contract: allowCw20, gas_limit: null }],
  };
}

/** The cw20-base `send` that starts a round trip: `amount` to A's cw20-ics20, transferring over `channel`. */
export function cw20SendMsg(ics20: string, channel: string, remoteAddress: string, amount: bigint = ROUND_TRIP_AMOUNT) {
  const transfer = { channel, remote_address: remoteAddress, timeout: null };
  return {
    send: {
      contract: ics20,
      amount: amount.toString(),
      msg: Buffer.from(JSON.stringify(transfer)).toString("base64"),
    },
  };
}

/** One `Amount` of cw20-ics20's `ChannelResponse` (`balances` and `total_sent`). */
export type Ics20Amount = { cw20: { address: string; amount: string } } | { native: { denom: string; amount: string } };

export interface Ics20ChannelResponse {
  info: { id: string; counterparty_endpoint: { port_id: string; channel_id: string }; connection_id: string };
  balances: Ics20Amount[];
  total_sent: Ics20Amount[];
}

/** The cw20 amount of `token` in a `balances` / `total_sent` list (0 when absent). */
export function cw20AmountIn(list: readonly Ics20Amount[], token: string): bigint {
  for (const a of list) if ("cw20" in a && a.cw20.address === token) return BigInt(a.cw20.amount);
  return 0n;
}

/** The end state of a side after its round trips, read from the chains. */
export interface RoundTripState {
  /** The sender's cw20 balance on A. */
  senderBalance: bigint;
  /** A's cw20-ics20's own cw20 balance (the escrow). */
  escrowBalance: bigint;
  /** The channel's outstanding balance of the token in A's cw20-ics20. */
  outstanding: bigint;
  /** `total_sent` of the token on the channel in A's cw20-ics20. */
  totalSent: bigint;
  /** Acknowledgements B wrote (each must be {@link FOREIGN_TOKEN_ACK}), as text. */
  acknowledgements: readonly string[];
}

export class RoundTripCheckError extends Error {
  override name = "RoundTripCheckError";
}

/** Throws unless `state` is exactly what `roundTrips` complete round trips of `amount` leave behind. */
export function checkRoundTrips(
  side: string,
  state: RoundTripState,
  roundTrips: number,
  amount: bigint = ROUND_TRIP_AMOUNT,
  initialBalance: bigint = SENDER_INITIAL_BALANCE,
): void {
  const fail = (what: string, actual: unknown, expected: unknown) => {
    throw new RoundTripCheckError(
      `${side}: after ${roundTrips} round trips ${what} is ${String(actual)}, expected ${String(expected)}`,
    );
  };
  if (state.senderBalance !== initialBalance) fail("the sender's balance", state.senderBalance, initialBalance);
  if (state.escrowBalance !== 0n) fail("the escrow's balance", state.escrowBalance, 0n);
  if (state.outstanding !== 0n) fail("the channel's outstanding balance", state.outstanding, 0n);
  const sent = BigInt(roundTrips) * amount;
  if (state.totalSent !== sent) fail("total_sent", state.totalSent, sent);
  if (state.acknowledgements.length !== roundTrips) {
    fail("the number of acknowledgements", state.acknowledgements.length, roundTrips);
  }
  const wrong = state.acknowledgements.find((ack) => ack !== FOREIGN_TOKEN_ACK);
  if (wrong !== undefined) fail("an acknowledgement", wrong, FOREIGN_TOKEN_ACK);
}
