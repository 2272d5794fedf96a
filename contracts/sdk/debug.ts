import * as host from "./env";
import { borrowRegion, releaseBorrowedRegion, utf8 } from "./memory";

/** Prints a message through the host's `debug` function (shown by test hosts and nodes in debug mode). */
export function debug(message: string): void {
  const bytes = utf8(message);
  const region = borrowRegion(bytes);
  host.debug(region);
  releaseBorrowedRegion(region);
}
