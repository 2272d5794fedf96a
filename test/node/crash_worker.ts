/**
 * The child process of persistence.test.ts: opens a node home and executes a burst of txs, one block each, until it
 * is killed. Every tx has two messages — a cw20 transfer and a bank send of the same amount to the same recipient —
 * so a half-applied tx would show as a recipient whose cw20 and bank balances differ. After each block is committed
 * it prints "committed <height>". Run without arguments (as the test runner does with every file under dist/test)
 * it does nothing.
 */
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { TxClient } from "../../src/node/client.js";
import { NodeHome } from "../../src/node/home.js";
import { msToNs } from "../../src/node/time.js";

export const CRASH_DENOM = "ucrash";

/** What block h sends: to recipient h mod n, h mod 7 + 1 units of both the cw20 and the native coin. */
export function transferOf(height: number, recipients: readonly string[]): { to: string; amount: number } {
  return { to: recipients[height % recipients.length], amount: (height % 7) + 1 };
}

async function main(home: string, token: string, recipients: string[]): Promise<void> {
  const nodeHome = new NodeHome(home);
  const { chain } = nodeHome.open();
  const keyring = nodeHome.keyring(chain.genesis);
  const operator = keyring.show("operator").address;
  const privateKey = await keyring.privateKey("operator");
  const client = new TxClient(chain, nodeHome.readNodeKey());
  for (;;) {
    const height = chain.head().height + 1;
    const { to, amount } = transferOf(height, recipients);
    const messages = [
      {
        typeUrl: MsgExecuteContract.typeUrl,
        value: MsgExecuteContract.encode(
          MsgExecuteContract.fromPartial({
            sender: operator,
            contract: token,
            msg: new TextEncoder().encode(JSON.stringify({ transfer: { recipient: to, amount: String(amount) } })),
          }),
        ).finish(),
      },
      {
        typeUrl: MsgSend.typeUrl,
        value: MsgSend.encode({
          fromAddress: operator,
          toAddress: to,
          amount: [{ denom: CRASH_DENOM, amount: String(amount) }],
        }).finish(),
      },
    ];
    const clock = msToNs(Date.now());
    const tx = client.sign({ messages, gas: 1_000_000 }, privateKey, operator, clock);
    const { result } = client.broadcast(tx, clock);
    if (result.code !== 0) throw new Error(`tx at height ${height} failed: ${result.log}`);
    process.stdout.write(`committed ${height}\n`);
  }
}

const [home, token, recipients] = process.argv.slice(2);
if (home && token && recipients) await main(home, token, JSON.parse(recipients) as string[]);
