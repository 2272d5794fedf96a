import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { MsgTransfer } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { ibcDenom } from "../ibc/apps/transfer/denom.js";
import { initHome, NodeHome, openNodeEndpoint, portIdForContract, type NodeEndpoint } from "../node/index.js";
import { anyOf, jsonBytes, storeAndInstantiate, submitOrThrow } from "../relayer/endpoint_tx.js";
import { Relayer } from "../relayer/relayer.js";

/**
 * The IBC part of `npm start`: two sovereign nodes on their own SQLite homes in a temporary folder, a channel
 * between cw-plus's cw20-ics20 on node A and the native ICS-20 module on node B, opened and served by the relayer;
 * tokens travel both ways, then a timeout and an error acknowledgement each refund their sender.
 * Each node's clock is simulated (one second per block), so waiting for a timeout takes no time.
 */

const SECOND = 1_000_000_000n;

class SimulatedClock {
  constructor(private now: bigint) {}
  next = (): bigint => (this.now += SECOND);
  advance(seconds: number): void {
    this.now += BigInt(seconds) * SECOND;
  }
}

const b64json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64");

export async function showcaseIbc(say: (line: string) => void): Promise<void> {
  const require = createRequire(import.meta.url);
  const data = join(require.resolve("@oraichain/common-contracts-build/package.json"), "..", "data");
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-showcase-"));
  const nodes: NodeEndpoint[] = [];
  try {
    const genesisNs = 1_767_225_600n * SECOND; // 2026-01-01
    const clocks = { a: new SimulatedClock(genesisNs), b: new SimulatedClock(genesisNs) };
    const open = async (name: "a" | "b", chainId: string) => {
      const home = join(dir, name);
      await initHome(home, {
        chainId,
        denom: name === "a" ? "ukwh" : "ugrid",
        supply: 1_000_000_000n,
        prefix: "grid",
        genesisTimeNs: genesisNs,
        nodeKeySecret: randomBytes(32),
        operator: { entropy: randomBytes(32) },
      });
      const node = await openNodeEndpoint(new NodeHome(home), { clock: clocks[name].next });
      nodes.push(node);
      return node;
    };
    const a = await open("a", "community-1");
    const b = await open("b", "region-1");
    say(`   node A ${a.chainId} and node B ${b.chainId}, each on its own SQLite home in ${dir}`);

    const kwh = await storeAndInstantiate(
      a,
      readFileSync(join(data, "cw20-base.wasm")),
      {
        name: "Kilowatt hour",
        symbol: "KWH",
        decimals: 3,
        initial_balances: [{ address: a.signer, amount: "1000000" }],
        mint: null,
        marketing: null,
      },
      "kwh",
    );
    const ics20 = await storeAndInstantiate(
      a,
      readFileSync(join(data, "cw20-ics20.wasm")),
      { default_timeout: 600, gov_contract: a.signer, allowlist: [{ contract: kwh }] },
      "cw20-ics20",
    );
    const port = portIdForContract(ics20);
    say(`   on A: cw20-base (KWH) at ${kwh}`);
    say(`         cw20-ics20 at ${ics20}, bound to port ${port}`);

    const relayer = new Relayer(a, b);
    const { channel } = await relayer.createChannel({ portA: port, portB: "transfer", version: "ics20-1" });
    const chA = channel.a.channelId;
    const chB = channel.b.channelId;
    say(`   relayer: solo-machine clients, a connection and channel ${chA} (A) ⇄ ${chB} (B), version ics20-1`);

    const voucher = ibcDenom({ base: `cw20:${kwh}`, trace: [{ portId: "transfer", channelId: chB }] });
    const kwhOf = (address: string) =>
      BigInt(
        (
          JSON.parse(
            new TextDecoder().decode(
              a.chain.app.wasm.keeper.querySmart(a.chain.queryContext(), kwh, jsonBytes({ balance: { address } })),
            ),
          ) as { balance: string }
        ).balance,
      );
    const vouchersOf = (address: string) =>
      b.chain.app.bank.getBalance(b.chain.queryContext(), address, voucher).amount;
    const balances = () =>
      `A: operator ${kwhOf(a.signer)} KWH, escrow ${kwhOf(ics20)} KWH · B: operator ${vouchersOf(b.signer)} vouchers`;
    const sendKwh = (amount: number, receiver: string, timeout?: number) =>
      submitOrThrow(a, [
        anyOf(
          MsgExecuteContract,
          MsgExecuteContract.fromPartial({
            sender: a.signer,
            contract: kwh,
            msg: jsonBytes({
              send: {
                contract: ics20,
                amount: String(amount),
                msg: b64json({ channel: chA, remote_address: receiver, ...(timeout ? { timeout } : {}) }),
              },
            }),
          }),
        ),
      ]);
    const relay = async () => {
      const r = await relayer.clear();
      return `relayed ${r.packets} packet(s), ${r.acks} ack(s), ${r.timeouts} timeout(s)`;
    };

    say(`   start — ${balances()}`);
    await sendKwh(500, b.signer);
    say(`\n   A → B: 500 KWH through cw20-ics20; ${await relay()}`);
    say(`     ${balances()}`);
    say(`     (B holds them as ${voucher})`);

    await submitOrThrow(b, [
      anyOf(
        MsgTransfer,
        MsgTransfer.fromPartial({
          sourcePort: "transfer",
          sourceChannel: chB,
          token: { denom: voucher, amount: "200" },
          sender: b.signer,
          receiver: a.signer,
          timeoutTimestamp: (await a.status()).timeNs + 3600n * SECOND,
        }),
      ),
    ]);
    say(`\n   B → A: 200 vouchers home through B's ICS-20 module; ${await relay()}`);
    say(`     ${balances()}`);

    await sendKwh(100, b.signer, 60);
    say(`\n   A → B: 100 KWH with a 60 s timeout, while the relayer is away for two minutes`);
    say(`     sent — ${balances()}`);
    clocks.b.advance(120);
    // any tx makes a block on B, whose time is now past the packet's timeout
    await submitOrThrow(b, [
      anyOf(
        MsgSend,
        MsgSend.fromPartial({ fromAddress: b.signer, toAddress: b.signer, amount: [{ denom: "ugrid", amount: "1" }] }),
      ),
    ]);
    say(`     ${await relay()} — refunded: ${balances()}`);

    await sendKwh(50, "not-an-address");
    say(`\n   A → B: 50 KWH to a receiver that is no address; ${await relay()}`);
    const [ack] = await b.queryWrittenAcknowledgements("transfer", chB, [3n]);
    say(`     B's acknowledgement: ${ack ? new TextDecoder().decode(ack.acknowledgement) : "(none)"}`);
    say(`     refunded: ${balances()}`);
    say(`\n   final — ${balances()}`);
  } finally {
    for (const node of nodes) await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
