#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { PlurigridError } from "../errors.js";
import { registerShowcase } from "./showcase.js";
import { registerCheck } from "./check.js";
import { registerGame } from "./game.js";
import { registerMarket } from "./market.js";
import { registerMicroworlds } from "./microworlds.js";
import { registerInit } from "./init.js";
import { registerKeys } from "./keys.js";
import { registerQuery } from "./query.js";
import { registerTx } from "./tx.js";
import { registerVerify } from "./verify.js";
import { registerRelay } from "./relay.js";

/**
 * Each subcommand lives in its own file and registers itself on the program. A command reports its outcome through
 * `setExit` so that commander's parsing and our exit codes stay independent.
 */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

const commands: RegisterCommand[] = [
  registerShowcase,
  registerCheck,
  registerGame,
  registerMarket,
  registerMicroworlds,
  registerInit,
  registerKeys,
  registerTx,
  registerQuery,
  registerVerify,
  registerRelay,
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command("plurigrid")
    .description("Plurigrid: a local-first node for energy communities")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  for (const register of commands)
    register(program, (code) => {
      exitCode = Math.max(exitCode, code);
    });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    // Usage errors (unknown option, missing argument) have already been printed by commander.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof PlurigridError) {
      process.stderr.write(`error [${err.code}]: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return exitCode;
}

process.exitCode = await main(process.argv);
