import { kinds } from "../errors.js";

/** 24-host (codespace `host`). */
export const HostErrors = kinds("host", {
  InvalidID: [2, "invalid identifier"],
  InvalidPath: [3, "invalid path"],
  InvalidPacket: [4, "invalid packet"],
});
