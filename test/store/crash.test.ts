/**
 * Crash safety: a child process commits blocks in a loop and is SIGKILLed at random moments — while starting,
 * while recovering the WAL, in the middle of a commit. After every kill the store must open, stand at its last
 * committed block with every block up to it complete and nothing of any later block, and have lost no block the
 * child had reported as committed. Then the child restarts on the same file and goes on from there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SqliteStore } from "../../src/store/sqlite.js";
import { DELETE_LAG, KEYS_PER_BLOCK, ROLLING, blockValue, key, pad, readHeight } from "./crash_writer.js";
import { prng, tempDir } from "./suite.js";

const writer = fileURLToPath(new URL("./crash_writer.js", import.meta.url));
const KILLS = 10;

/**
 * Starts the writer and SIGKILLs it `delayMs` after it starts (`from: "spawn"`: during start-up and recovery) or
 * after it reports its first commit (`from: "commit"`: while it is committing blocks). Returns the last height it
 * reported as committed.
 */
async function runAndKill(path: string, from: "spawn" | "commit", delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [writer, path], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let stderr = "";
  let timer: NodeJS.Timeout | undefined;
  const kill = () => child.kill("SIGKILL");
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    if (from === "commit" && timer === undefined) timer = setTimeout(kill, delayMs);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  if (from === "spawn") timer = setTimeout(kill, delayMs);
  const watchdog = setTimeout(kill, 20_000); // a writer that never commits fails below instead of hanging
  const how = await exited;
  clearTimeout(timer);
  clearTimeout(watchdog);
  assert.equal(how, "SIGKILL", `the writer must still be running when killed (stderr: ${stderr})`);
  const lines = out.split("\n").slice(0, -1); // the last piece may be a line cut by the kill
  if (from === "commit") assert.ok(lines.length > 0, `the writer never committed (stderr: ${stderr})`);
  return lines.length ? Number(lines[lines.length - 1].split(" ")[1]) : 0;
}

/** Checks the store holds exactly blocks 1..H; returns H. */
function verify(path: string, context: string): number {
  const store = SqliteStore.open(path);
  try {
    const height = readHeight(store);
    const decoder = new TextDecoder();
    let expectedHeight = 1;
    let expectedIndex = height - DELETE_LAG >= 1 ? 1 : 0; // block 1's key 0 is deleted once block 1+LAG exists
    let count = 0;
    for (const { key: k, value } of store.iterate(key("block/"), key("block0"))) {
      const [, h, i] = decoder.decode(k).split("/").map(Number);
      assert.ok(h <= height, `${context}: block ${h} is in the store but meta/height is ${height}`);
      assert.deepEqual([h, i], [expectedHeight, expectedIndex], `${context}: key order/completeness`);
      assert.deepEqual(value, blockValue(h, i), `${context}: value of block ${h} key ${i}`);
      count++;
      if (i === KEYS_PER_BLOCK - 1) {
        expectedHeight++;
        expectedIndex = expectedHeight <= height - DELETE_LAG ? 1 : 0;
      } else {
        expectedIndex++;
      }
    }
    const deleted = Math.max(0, height - DELETE_LAG);
    assert.equal(count, height * KEYS_PER_BLOCK - deleted, `${context}: keys of blocks 1..${height}`);
    for (let j = 0; j < ROLLING; j++) {
      const v = store.get(key(`rolling/${pad(j)}`));
      assert.equal(v && decoder.decode(v), height === 0 ? undefined : String(height), `${context}: rolling/${j}`);
    }
    return height;
  } finally {
    store.close();
  }
}

test(`SIGKILL at random moments, ${KILLS} times: the store reopens at the last committed block, complete`, async () => {
  const seed = 424242;
  const random = prng(seed);
  const { dir, cleanup } = tempDir();
  const path = join(dir, "state.db");
  try {
    let height = 0;
    for (let round = 0; round < KILLS; round++) {
      // Every third round dies during start-up or WAL recovery, the others in the middle of committing blocks.
      const from = round % 3 === 1 ? "spawn" : "commit";
      const delay = Math.floor(random() * (from === "spawn" ? 200 : 100));
      const reported = await runAndKill(path, from, delay);
      const context = `seed ${seed}, round ${round}, killed ${delay} ms after ${from}`;
      const after = verify(path, context);
      assert.ok(after >= reported, `${context}: block ${reported} was reported committed, the store is at ${after}`);
      assert.ok(after >= height, `${context}: the height went back from ${height} to ${after}`);
      height = after;
    }
    assert.ok(height > KILLS, `blocks were committed (${height})`);
  } finally {
    cleanup();
  }
});
