import type { Command } from "commander";

/** `plurigrid showcase`: the main job of `npm start` until the node exists. */
export function registerShowcase(program: Command): void {
  program
    .command("showcase")
    .description("a short tour of what this build of Plurigrid can do")
    .action(() => {
      process.stdout.write("Plurigrid — the contract engine is being built; see README.md.\n");
    });
}
