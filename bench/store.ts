/**
 * Store throughput: committing blocks (a cache branch per block, written as one batch) and reading them back, on
 * SqliteStore (synchronous "full" and "normal") against MemoryKv as the in-memory baseline measured in the same run.
 * Ratios are store / baseline time per operation (higher = slower). Usage:
 *
 *     npm run bench:store [-- --blocks 200 --writes 500 --json]
 *
 * With --json the last line is one JSON object with every measurement.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CacheKv } from "../src/store/cache.js";
import type { KvStore } from "../src/store/kv.js";
import { MemoryKv } from "../src/store/memory.js";
import { SqliteStore } from "../src/store/sqlite.js";

interface Args {
  blocks: number;
  writes: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { blocks: 200, writes: 500, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") args.json = true;
    else if (a === "--blocks" || a === "--writes") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} needs a positive integer`);
      args[a === "--blocks" ? "blocks" : "writes"] = n;
    } else throw new Error(`unknown argument ${a} (expected --blocks N, --writes N, --json)`);
  }
  return args;
}

/** A deterministic workload: per block, `writes` operations over a key space that grows with the chain. */
function workload(blocks: number, writes: number): { key: Uint8Array; value: Uint8Array | undefined }[][] {
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const out = [];
  for (let b = 0; b < blocks; b++) {
    const block = [];
    for (let w = 0; w < writes; w++) {
      const key = new Uint8Array(32);
      const id = next() % ((b + 1) * writes); // revisits earlier keys: overwrites and deletes of real entries
      new DataView(key.buffer).setUint32(0, id);
      key[31] = id & 0xff;
      const value = next() % 10 === 0 ? undefined : new Uint8Array(64).fill(next() & 0xff);
      block.push({ key, value });
    }
    out.push(block);
  }
  return out;
}

interface Measurement {
  store: string;
  commitBlocksPerSecond: number;
  commitWritesPerSecond: number;
  scanRecordsPerSecond: number;
  getsPerSecond: number;
  commitRatio?: number;
  scanRatio?: number;
  getRatio?: number;
}

function measure(name: string, store: KvStore, blocks: ReturnType<typeof workload>): Measurement {
  const writes = blocks.reduce((n, b) => n + b.length, 0);
  let t = process.hrtime.bigint();
  for (const ops of blocks) {
    const block = new CacheKv(store);
    for (const { key, value } of ops) {
      if (value === undefined) block.delete(key);
      else block.set(key, value);
    }
    block.write(); // one batch: one SQLite transaction
  }
  const commitSeconds = Number(process.hrtime.bigint() - t) / 1e9;

  t = process.hrtime.bigint();
  let records = 0;
  for (let round = 0; round < 3; round++) {
    for (const _ of store.iterate()) records++;
    for (const _ of store.iterate(undefined, undefined, "descending")) records++;
  }
  const scanSeconds = Number(process.hrtime.bigint() - t) / 1e9;

  t = process.hrtime.bigint();
  let gets = 0;
  for (const ops of blocks.slice(0, 50)) {
    for (const { key } of ops) {
      store.get(key);
      gets++;
    }
  }
  const getSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  return {
    store: name,
    commitBlocksPerSecond: blocks.length / commitSeconds,
    commitWritesPerSecond: writes / commitSeconds,
    scanRecordsPerSecond: records / scanSeconds,
    getsPerSecond: gets / getSeconds,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const blocks = workload(args.blocks, args.writes);
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-bench-store-"));
  try {
    measure("warm-up", new MemoryKv(), blocks.slice(0, 20));
    const baseline = measure("MemoryKv (baseline)", new MemoryKv(), blocks);
    const results: Measurement[] = [baseline];
    for (const synchronous of ["normal", "full"] as const) {
      const store = SqliteStore.open(join(dir, `${synchronous}.db`), { synchronous });
      try {
        results.push(measure(`SqliteStore (synchronous ${synchronous})`, store, blocks));
      } finally {
        store.close();
      }
    }
    for (const r of results) {
      r.commitRatio = baseline.commitBlocksPerSecond / r.commitBlocksPerSecond;
      r.scanRatio = baseline.scanRecordsPerSecond / r.scanRecordsPerSecond;
      r.getRatio = baseline.getsPerSecond / r.getsPerSecond;
    }
    console.log(
      `store bench: ${args.blocks} blocks × ${args.writes} writes (32-byte keys, 64-byte values, 10% deletes)`,
    );
    console.log("ratios are time per operation relative to MemoryKv (1.0 = as fast, 10 = ten times slower)\n");
    const rows = results.map((r) => [
      r.store,
      `${r.commitBlocksPerSecond.toFixed(0)} blocks/s (${(r.commitWritesPerSecond / 1000).toFixed(0)}k writes/s)`,
      `×${r.commitRatio!.toFixed(1)}`,
      `${(r.scanRecordsPerSecond / 1e6).toFixed(2)}M records/s`,
      `×${r.scanRatio!.toFixed(1)}`,
      `${(r.getsPerSecond / 1e6).toFixed(2)}M gets/s`,
      `×${r.getRatio!.toFixed(1)}`,
    ]);
    const header = ["store", "commit", "ratio", "scan", "ratio", "get", "ratio"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join("  "));
    if (args.json) console.log(JSON.stringify({ bench: "store", blocks: args.blocks, writes: args.writes, results }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
