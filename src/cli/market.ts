import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { PlurigridError } from "../errors.js";
import { InvalidInputError } from "../market/errors.js";
import { clearingToJson, formatClearing } from "../market/mechanisms/clearing_report.js";
import { clearMarket, MECHANISM_NAMES } from "../market/mechanisms/registry.js";
import { parseOrderBook } from "../market/orders/orders_json.js";
import { ppmFromFraction } from "../market/units/price.js";

/** Reads and parses a JSON input file; a missing file or bad JSON is a typed error naming the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code;
    if (errno === "ENOENT") throw new PlurigridError("file.not_found", `no such file: ${file}`, { file });
    throw new PlurigridError("file.unreadable", `cannot read ${file}: ${(err as Error).message}`, { file, errno });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError("json_invalid", `${file} is not valid JSON: ${(err as Error).message}`, { file });
  }
}

/**
 * `plurigrid market clear ORDERS.json --mechanism NAME [--k K] [--json]`: clears one order book with one of the
 * six mechanisms and prints the trades, the clearing price where one exists, welfare, and (VCG) payments and the
 * deficit. `plurigrid market simulate` lives beside it (registered by registerMarketSimulate).
 */
export function registerMarket(program: Command, setExit: (code: number) => void): void {
  const market = program.command("market").description("energy markets: clear order books, simulate communities");
  market
    .command("clear")
    .description("clear an order book with a market mechanism")
    .argument("<orders>", 'JSON file: {"bids":[{"id","participant","energy","price"}],"offers":[...]}')
    .option("--mechanism <name>", `one of ${MECHANISM_NAMES.join(", ")}`, "pay-as-clear")
    .option("--k <fraction>", "k-double only: where in the crossing interval the price sits, 0..1", "0.5")
    .option("--json", "print the clearing as JSON")
    .action(async (file: string, opts: { mechanism: string; k: string; json?: boolean }) => {
      const book = parseOrderBook(await readJsonFile(file));
      const result = clearMarket(book, opts.mechanism, { k: ppmFromFraction(opts.k, "--k") });
      if (opts.json) {
        const json = clearingToJson(result);
        process.stdout.write(
          JSON.stringify(book.currency ? { currency: book.currency, ...json } : json, null, 2) + "\n",
        );
      } else process.stdout.write(formatClearing(result, book.currency));
      setExit(0);
    });
}
