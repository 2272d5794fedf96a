import { PlurigridError } from "../errors.js";

/**
 * Every error the games library raises. Codes are stable and grouped by concern:
 * `number.*`, `dist.*`, `game.*`, `profile.*`, `solver.*`, `nfg.*`, `efg.*`.
 */
export class GameError extends PlurigridError {}
