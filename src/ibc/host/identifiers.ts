import { ibcError } from "../errors.js";
import { HostErrors } from "./errors.js";

/**
 * ICS-24 identifiers as ibc-go validates and generates them (24-host/validate.go, 24-host/parse.go and the
 * keys.go of 02-client, 03-connection and 04-channel).
 */

/** ibc-go's DefaultMaxCharacterLength (client, connection, channel ids). */
export const MAX_IDENTIFIER_LENGTH = 64;
/** ibc-go's DefaultMaxPortCharacterLength. */
export const MAX_PORT_IDENTIFIER_LENGTH = 128;

// Alphanumerics and . _ + - # [ ] < >
const IDENTIFIER_CHARSET = /^[a-zA-Z0-9._+\-#[\]<>]+$/;

const utf8 = new TextEncoder();

function validateIdentifier(kind: string, id: string, minLength: number, maxLength: number): void {
  if (id.trim() === "") throw ibcError(HostErrors.InvalidID, `${kind} identifier cannot be blank`, { id });
  if (id.includes("/")) {
    throw ibcError(HostErrors.InvalidID, `${kind} identifier ${id} cannot contain separator '/'`, { id });
  }
  // Go measures bytes; the charset below is ASCII, so this only matters for the order of the two checks.
  const length = utf8.encode(id).length;
  if (length < minLength || length > maxLength) {
    throw ibcError(
      HostErrors.InvalidID,
      `${kind} identifier ${id} has invalid length: ${length}, must be between ${minLength}-${maxLength} characters`,
      { id, length, minLength, maxLength },
    );
  }
  if (!IDENTIFIER_CHARSET.test(id)) {
    throw ibcError(
      HostErrors.InvalidID,
      `${kind} identifier ${id} must contain only alphanumeric or the following characters: '.', '_', '+', '-', '#', '[', ']', '<', '>'`,
      { id },
    );
  }
}

/** Client ids: 4–64 characters of the ICS-24 charset. */
export function validateClientId(id: string): void {
  validateIdentifier("client", id, 4, MAX_IDENTIFIER_LENGTH);
}

/** Connection ids: 10–64 characters. */
export function validateConnectionId(id: string): void {
  validateIdentifier("connection", id, 10, MAX_IDENTIFIER_LENGTH);
}

/** Channel ids: 8–64 characters. */
export function validateChannelId(id: string): void {
  validateIdentifier("channel", id, 8, MAX_IDENTIFIER_LENGTH);
}

/** Port ids: 2–128 characters. */
export function validatePortId(id: string): void {
  validateIdentifier("port", id, 2, MAX_PORT_IDENTIFIER_LENGTH);
}

export const CONNECTION_PREFIX = "connection-";
export const CHANNEL_PREFIX = "channel-";
const MAX_UINT64 = (1n << 64n) - 1n;

/** `{clientType}-{N}`, e.g. `06-solomachine-0`. */
export function formatClientId(clientType: string, sequence: bigint): string {
  return `${clientType}-${sequence}`;
}

/** `connection-{N}`. */
export function formatConnectionId(sequence: bigint): string {
  return `${CONNECTION_PREFIX}${sequence}`;
}

/** `channel-{N}`. */
export function formatChannelId(sequence: bigint): string {
  return `${CHANNEL_PREFIX}${sequence}`;
}

function parseUint64(digits: string): bigint | undefined {
  if (!/^[0-9]+$/.test(digits)) return undefined;
  const value = BigInt(digits);
  return value > MAX_UINT64 ? undefined : value;
}

/** The N of `{prefix}{N}` (ibc-go ParseIdentifier); throws InvalidID otherwise. */
export function parseIdentifierSequence(identifier: string, prefix: string): bigint {
  const parts = identifier.split(prefix);
  if (!identifier.startsWith(prefix) || parts.length !== 2 || parts[0] !== "") {
    throw ibcError(HostErrors.InvalidID, `identifier ${identifier} must be in format: \`${prefix}{N}\``, {
      identifier,
      prefix,
    });
  }
  const sequence = parseUint64(parts[1]!);
  if (sequence === undefined) {
    throw ibcError(HostErrors.InvalidID, `identifier ${identifier} has no valid sequence after ${prefix}`, {
      identifier,
    });
  }
  return sequence;
}

/** True for ids this implementation (and ibc-go) generates: `channel-{N}`. */
export function isGeneratedChannelId(id: string): boolean {
  try {
    parseIdentifierSequence(id, CHANNEL_PREFIX);
    return true;
  } catch {
    return false;
  }
}

// ibc-go's IsClientIDFormat: `{client-type}-{N}`, the type starting and ending with a word character.
const CLIENT_ID_FORMAT = /^\w+([\w-]+\w)?-[0-9]{1,20}$/;

/** Splits `{clientType}-{N}` (ibc-go ParseClientIdentifier). */
export function parseClientId(id: string): { clientType: string; sequence: bigint } {
  const sequence = CLIENT_ID_FORMAT.test(id) ? parseUint64(id.slice(id.lastIndexOf("-") + 1)) : undefined;
  if (sequence === undefined) {
    throw ibcError(HostErrors.InvalidID, `invalid client identifier ${id} is not in format: \`{client-type}-{N}\``, {
      id,
    });
  }
  return { clientType: id.slice(0, id.lastIndexOf("-")), sequence };
}

export function isGeneratedClientId(id: string): boolean {
  try {
    parseClientId(id);
    return true;
  } catch {
    return false;
  }
}
