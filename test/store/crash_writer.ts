/**
 * The child process of crash.test.ts: opens the store and commits blocks forever until it is killed. Block h writes
 * KEYS_PER_BLOCK keys block/<h>/<i>, overwrites the ROLLING keys rolling/<j> with h, deletes key 0 of block h-5,
 * and sets meta/height = h — all in ONE cache branch written as one SQLite transaction. After each commit returns
 * it prints "committed <h>". Run without arguments (as the test runner does with every file under dist/test) it
 * does nothing.
 */
import { CacheKv } from "../../src/store/cache.js";
import { SqliteStore } from "../../src/store/sqlite.js";

export const KEYS_PER_BLOCK = 60;
export const ROLLING = 16;
export const DELETE_LAG = 5;

const encoder = new TextEncoder();
export const key = (s: string): Uint8Array => encoder.encode(s);
export const pad = (n: number): string => String(n).padStart(8, "0");
/** The value of block h's key i: 100 bytes that depend on both, so a mixed-up write is caught. */
export function blockValue(height: number, i: number): Uint8Array {
  return encoder.encode(`${pad(height)}:${pad(i)}:`.padEnd(100, String.fromCharCode(0x41 + ((height + i) % 26))));
}

export function readHeight(store: SqliteStore): number {
  const raw = store.get(key("meta/height"));
  return raw === undefined ? 0 : Number(new TextDecoder().decode(raw));
}

function main(path: string): void {
  const store = SqliteStore.open(path); // synchronous "full": the node's default
  let height = readHeight(store);
  while (true) {
    height++;
    const block = new CacheKv(store);
    for (let i = 0; i < KEYS_PER_BLOCK; i++) block.set(key(`block/${pad(height)}/${pad(i)}`), blockValue(height, i));
    for (let j = 0; j < ROLLING; j++) block.set(key(`rolling/${pad(j)}`), key(String(height)));
    if (height > DELETE_LAG) block.delete(key(`block/${pad(height - DELETE_LAG)}/${pad(0)}`));
    block.set(key("meta/height"), key(String(height)));
    block.write();
    process.stdout.write(`committed ${height}\n`);
  }
}

const path = process.argv[2];
if (path !== undefined && process.argv[1]?.endsWith("crash_writer.js")) main(path);
