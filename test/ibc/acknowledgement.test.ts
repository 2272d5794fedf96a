import { test } from "node:test";
import assert from "node:assert/strict";
import { fromUtf8, utf8 } from "../../src/ibc/bytes.js";
import {
  abciErrorAcknowledgement,
  canonicalAcknowledgement,
  checkAcknowledgementEncoding,
  errorAcknowledgement,
  parseAcknowledgement,
  resultAcknowledgement,
} from "../../src/ibc/channel/acknowledgement.js";
import { ChannelErrors } from "../../src/ibc/channel/errors.js";
import { isIbcError } from "../../src/ibc/errors.js";
import { goJsonString } from "../../src/ibc/json.js";

test("Go's JSON string escaping, which commitments over JSON bytes depend on", () => {
  assert.equal(goJsonString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goJsonString("\n\r\t\b\f"), '"\\n\\r\\t\\b\\f"');
  assert.equal(goJsonString("\u0001\u001f"), '"\\u0001\\u001f"');
  assert.equal(goJsonString("<a&b>"), '"\\u003ca\\u0026b\\u003e"');
  assert.equal(goJsonString("\u2028\u2029"), '"\\u2028\\u2029"');
  assert.equal(goJsonString("é ⚡ 😀"), '"é ⚡ 😀"');
  assert.equal(goJsonString("\ud800x"), '"\\ufffdx"', "a lone surrogate is invalid UTF-8 in Go");
  assert.equal(goJsonString("\u007f"), '"\u007f"');
});

test("standard acknowledgements: ibc-go's envelopes and deterministic error text", () => {
  assert.equal(fromUtf8(resultAcknowledgement(new Uint8Array([1])).bytes), '{"result":"AQ=="}');
  assert.equal(resultAcknowledgement(new Uint8Array([1])).success, true);
  assert.equal(fromUtf8(errorAcknowledgement("bad <thing>").bytes), '{"error":"bad \\u003cthing\\u003e"}');
  assert.equal(errorAcknowledgement("x").success, false);
  assert.equal(
    fromUtf8(abciErrorAcknowledgement(21).bytes),
    '{"error":"ABCI code: 21: error handling packet: see events for details"}',
  );
});

test("parsing acks as ibc-go's protojson does, and the canonical-encoding rule of AcknowledgePacket", () => {
  assert.deepEqual(parseAcknowledgement(utf8('{"result":"AQ=="}')), { result: new Uint8Array([1]) });
  assert.deepEqual(parseAcknowledgement(utf8('{"error":"boom"}')), { error: "boom" });
  assert.deepEqual(parseAcknowledgement(utf8("{}")), {});
  assert.deepEqual(parseAcknowledgement(utf8('{"result":"-_8="}')), { result: new Uint8Array([0xfb, 0xff]) });
  assert.equal(parseAcknowledgement(utf8('{"result":"AQ==","error":"x"}')), undefined);
  assert.equal(parseAcknowledgement(utf8('{"foo":1}')), undefined);
  assert.equal(parseAcknowledgement(utf8('{"result":"not base64!"}')), undefined);
  assert.equal(parseAcknowledgement(new Uint8Array([0xff, 0x00])), undefined);
  assert.equal(parseAcknowledgement(utf8("[1]")), undefined);
  // URL-safe base64 is read but written back standard, so it is not canonical.
  assert.equal(fromUtf8(canonicalAcknowledgement({ result: new Uint8Array([0xfb, 0xff]) })), '{"result":"+/8="}');
  checkAcknowledgementEncoding(utf8('{"result":"AQ=="}'));
  checkAcknowledgementEncoding(utf8("raw contract ack"));
  checkAcknowledgementEncoding(utf8('{"custom":"shape"}'));
  for (const bad of ['{"result": "AQ=="}', '{"result":"-_8="}', '{"error":"<"}', '{"result":null}']) {
    assert.throws(
      () => checkAcknowledgementEncoding(utf8(bad)),
      (e) => isIbcError(e, ChannelErrors.InvalidAcknowledgement),
      bad,
    );
  }
});
