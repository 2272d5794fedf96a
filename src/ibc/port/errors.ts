import { kinds } from "../errors.js";

/** 05-port (codespace `port`). */
export const PortErrors = kinds("port", {
  PortExists: [2, "port is already binded"],
  PortNotFound: [3, "port not found"],
  InvalidPort: [4, "invalid port"],
  InvalidRoute: [5, "route not found"],
});
