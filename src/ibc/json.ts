/**
 * JSON exactly as Go's encoding/json writes it, for bytes that end up in commitments (acknowledgements, ICS-20
 * packet data): HTML-sensitive characters and U+2028/U+2029 escaped, \b \f \n \r \t short forms (Go ≥ 1.22), other
 * control characters as \u00XX, lone surrogates (invalid UTF-8 in Go) as \ufffd.
 */
export function goJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += "\\ufffd";
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += "\\\\";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x0c:
        out += "\\f";
        continue;
      case 0x0a:
        out += "\\n";
        continue;
      case 0x0d:
        out += "\\r";
        continue;
      case 0x09:
        out += "\\t";
        continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += "\\u" + c.toString(16).padStart(4, "0");
      continue;
    }
    out += value[i];
  }
  return out + '"';
}

/** An object with string values, keys in the given order, Go-escaped: `{"a":"x","b":"y"}`. */
export function goJsonObject(entries: ReadonlyArray<readonly [string, string]>): string {
  return "{" + entries.map(([k, v]) => `${goJsonString(k)}:${goJsonString(v)}`).join(",") + "}";
}
