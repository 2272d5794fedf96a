import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import type { KeyInfo } from "../node/keyring.js";
import { homeOf, print, readStdin, withNodeOptions } from "./node_common.js";

/**
 * `plurigrid keys add|list|show`: the home's keyring (secp256k1 keys from BIP-39 mnemonics, stored unencrypted like
 * wasmd's `--keyring-backend test`).
 */
export function registerKeys(program: Command, setExit: (code: number) => void): void {
  const keys = program.command("keys").description("manage the account keys of the home's keyring");

  withNodeOptions(keys.command("add"))
    .description("create a key (or recover one from a mnemonic on stdin with --recover)")
    .argument("<name>", "the key's name")
    .option("--recover", "read the mnemonic from stdin")
    .action(async (name: string, opts: { home: string; json?: boolean; recover?: boolean }) => {
      const keyring = homeOf(opts).keyring();
      const source = opts.recover ? { mnemonic: await readStdin() } : { entropy: randomBytes(32) };
      const file = await keyring.add(name, source);
      const info = { name: file.name, type: file.type, address: file.address, pubkey: pubkeyJson(file.pubkey) };
      const document = opts.recover ? info : { ...info, mnemonic: file.mnemonic };
      const text = [
        renderKey({ name: file.name, type: file.type, address: file.address, pubkey: file.pubkey }),
        ...(opts.recover
          ? []
          : [
              "",
              "**Important** write this mnemonic phrase in a safe place.",
              "It is the only way to recover your account.",
              "",
              file.mnemonic,
            ]),
      ].join("\n");
      print(opts, document, text);
      setExit(0);
    });

  withNodeOptions(keys.command("list"))
    .description("list the keys")
    .action((opts: { home: string; json?: boolean }) => {
      const list = homeOf(opts).keyring().list();
      print(
        opts,
        list.map((k) => ({ ...k, pubkey: pubkeyJson(k.pubkey) })),
        list.length === 0 ? "no keys" : list.map(renderKey).join("\n"),
      );
      setExit(0);
    });

  withNodeOptions(keys.command("show"))
    .description("show a key (by name or address)")
    .argument("<name>", "the key's name or address")
    .option("-a, --address", "print only the address")
    .action((name: string, opts: { home: string; json?: boolean; address?: boolean }) => {
      const key = homeOf(opts).keyring().resolve(name);
      if (opts.address && !opts.json) process.stdout.write(key.address + "\n");
      else print(opts, { ...key, pubkey: pubkeyJson(key.pubkey) }, renderKey(key));
      setExit(0);
    });
}

function pubkeyJson(key: string): { "@type": string; key: string } {
  return { "@type": "/cosmos.crypto.secp256k1.PubKey", key };
}

function renderKey(k: KeyInfo): string {
  return `- address: ${k.address}\n  name: ${k.name}\n  pubkey: '{"@type":"/cosmos.crypto.secp256k1.PubKey","key":"${k.pubkey}"}'\n  type: ${k.type}`;
}
