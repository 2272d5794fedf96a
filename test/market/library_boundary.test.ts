import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as market from "../../src/market/index.js";

const libraryDir = fileURLToPath(new URL("../../src/market/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : [],
  );
}

test("the market library stays pure: no Node built-ins, no process, no clock, no Math.random", () => {
  const files = sources(libraryDir);
  assert.ok(files.length > 40);
  for (const file of files) {
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    for (const banned of [/from "node:/, /\bprocess\./, /Date\.now\(/, /Math\.random\(/, /\brequire\(/])
      assert.doesNotMatch(code, banned, `${file} uses ${banned}`);
  }
});

test("games never depends on market (market may use games)", () => {
  const gamesDir = fileURLToPath(new URL("../../src/games/", import.meta.url));
  for (const file of sources(gamesDir))
    assert.doesNotMatch(readFileSync(file, "utf8"), /from "[./]*\/market\//, `${file} imports the market library`);
});

test("the public entry point clears a book and exposes the game hook", () => {
  const book = market.parseOrderBook({
    bids: [{ id: "b", participant: "B", energy: 1, price: 0.3 }],
    offers: [{ id: "o", participant: "S", energy: 1, price: 0.1 }],
  });
  assert.equal(market.clearMarket(book, "pay-as-clear").clearingPrice, 200_000);
  assert.equal(typeof market.playSlot, "function");
  assert.equal(typeof market.prepareScenario, "function");
  assert.equal(typeof market.checkEquilibrium, "function");
  assert.equal(typeof market.recommend, "function");
  assert.equal(typeof market.buildMarketGame, "function");
  assert.deepEqual(market.MECHANISM_NAMES, [
    "pay-as-offer",
    "pay-as-bid",
    "pay-as-clear",
    "k-double",
    "trade-reduction",
    "vcg",
  ]);
});
