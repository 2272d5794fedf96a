import * as host from "./env";
import { Decoder } from "./json/decoder";
import { parseJson, parseJsonBytes } from "./json/parser";
import { Variant } from "./json/variant";
import { JsonValue } from "./json/value";
import { JsonWriter } from "./json/writer";
import { borrowRegion, consumeRegion, releaseBorrowedRegion } from "./memory";
import { err, ok, Result } from "./result";
import { Binary } from "./types/binary";
import { Coin } from "./types/coin";
import { IbcChannel } from "./types/ibc";

/** cosmwasm-std's Display of a SystemError. */
function describeSystemError(d: Decoder): string {
  const e = Variant.from(d);
  if (e.is("invalid_request"))
    return "Cannot parse request: " + e.body.string("error") + " in: " + e.body.binary("request").toUtf8();
  if (e.is("invalid_response"))
    return "Cannot parse response: " + e.body.string("error") + " in: " + e.body.binary("response").toUtf8();
  if (e.is("no_such_contract")) return "No such contract: " + e.body.string("addr");
  if (e.is("no_such_code")) return "No such code: " + e.body.u64("code_id").toString();
  if (e.is("unsupported_request")) return "Unsupported query type: " + e.body.string("kind");
  if (e.is("unknown")) return "Unknown system error";
  return d.value.rawText();
}

/**
 * Queries to the chain and other contracts (`query_chain`). A query answer is JSON; a system error (unknown
 * contract, unsupported query) and an error of the queried contract both come back as errors, worded as in
 * cosmwasm-std: "Querier system error: …", "Querier contract error: …".
 */
export class Querier {
  /** Sends a QueryRequest given as JSON text and returns the raw answer. */
  static raw(request: Uint8Array): Result<Binary> {
    const region = borrowRegion(request);
    const response = host.query_chain(region);
    releaseBorrowedRegion(region);
    const bytes = consumeRegion(response);
    const parsed = parseJsonBytes(bytes);
    if (parsed.isErr) return err<Binary>("Querier system error: Cannot parse response: " + parsed.error);
    const system = Variant.of(parsed.value, "SystemResult");
    if (system.is("error")) return err<Binary>("Querier system error: " + describeSystemError(system.body));
    if (system.is("ok")) {
      const contract = Variant.from(system.body);
      if (contract.is("error")) return err<Binary>("Querier contract error: " + contract.body.asString());
      if (contract.is("ok")) {
        const answer = contract.body.asBinary();
        if (!contract.failed) return ok(answer);
      }
      return contract.unknown<Binary>();
    }
    return system.unknown<Binary>();
  }

  /** Sends a QueryRequest built with a writer and parses the JSON answer. */
  static json(request: JsonWriter): Result<JsonValue> {
    const answer = Querier.raw(request.toBytes());
    if (answer.isErr) return answer.cast<JsonValue>();
    const bytes = answer.value.bytes;
    return parseJson(bytes.dataStart, <usize>bytes.byteLength);
  }

  /** The balance of `address` in `denom` (bank balance query). */
  static balance(address: string, denom: string): Result<Coin> {
    const w = new JsonWriter();
    w.beginObject().key("bank").beginObject().key("balance").beginObject();
    w.key("address").string(address).key("denom").string(denom).endObject().endObject().endObject();
    const answer = Querier.json(w);
    if (answer.isErr) return answer.cast<Coin>();
    const d = Decoder.of(answer.value, "BalanceResponse");
    const coin = Coin.decode(d.field("amount"));
    return d.failed ? d.toError<Coin>() : ok(coin);
  }

  /** A smart query to contract `contractAddr` with `msg` as its JSON message; returns the parsed answer. */
  static wasmSmart(contractAddr: string, msg: JsonWriter): Result<JsonValue> {
    const w = new JsonWriter();
    w.beginObject().key("wasm").beginObject().key("smart").beginObject();
    w.key("contract_addr").string(contractAddr).key("msg").base64(msg.toBytes()).endObject().endObject().endObject();
    return Querier.json(w);
  }

  /** The raw value under `key` in another contract's storage; null when unset. */
  static wasmRaw(contractAddr: string, key: Uint8Array): Result<Binary | null> {
    const w = new JsonWriter();
    w.beginObject().key("wasm").beginObject().key("raw").beginObject();
    w.key("contract_addr").string(contractAddr).key("key").base64(key).endObject().endObject().endObject();
    const answer = Querier.raw(w.toBytes());
    if (answer.isErr) return answer.cast<Binary | null>();
    return ok<Binary | null>(answer.value.length > 0 ? answer.value : null);
  }

  /** The IBC port of this contract (`wasm.<address>`). */
  static ibcPortId(): Result<string> {
    const w = new JsonWriter();
    w.beginObject().key("ibc").beginObject().key("port_id").beginObject().endObject().endObject().endObject();
    const answer = Querier.json(w);
    if (answer.isErr) return answer.cast<string>();
    const d = Decoder.of(answer.value, "PortIdResponse");
    const port = d.string("port_id");
    return d.failed ? d.toError<string>() : ok(port);
  }

  /** A channel of `portId` (null = this contract's port), or null when it does not exist. */
  static ibcChannel(channelId: string, portId: string | null): Result<IbcChannel | null> {
    const w = new JsonWriter();
    w.beginObject().key("ibc").beginObject().key("channel").beginObject();
    w.key("channel_id").string(channelId).key("port_id").optionalString(portId).endObject().endObject().endObject();
    const answer = Querier.json(w);
    if (answer.isErr) return answer.cast<IbcChannel | null>();
    const d = Decoder.of(answer.value, "ChannelResponse");
    const channel = d.optionalField("channel");
    const decoded = channel != null ? IbcChannel.decode(channel) : null;
    return d.failed ? d.toError<IbcChannel | null>() : ok<IbcChannel | null>(decoded);
  }
}
