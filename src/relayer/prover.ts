import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Packet } from "../ibc/channel/types.js";
import type { ProofRequest, StateProof, UnreceivedProof } from "../ibc/proofs.js";
import type { Awaitable, ChainEndpoint } from "./chain.js";
import { readClient, type SoloMachineClientView } from "./clients.js";

/**
 * Proofs from `source` for `host`'s solo-machine client of it. Every proof (and header) the client verifies consumes
 * one sequence, so a batch of N proofs is signed at the client's sequence s, s+1, …, s+N-1, in the order the host
 * will verify them. A Prover therefore starts from the client's sequence as just read from the host, and hands out
 * consecutive sequences.
 *
 * Every request says `replaceUndelivered`: the client is at `s` right now, so no signature the source issued at `s`
 * or above ever reached it (an earlier batch failed, or the relayer died before or during its submit). The source's
 * signer journal then lets it re-sign from `s` instead of refusing forever. Read the client again (a new Prover)
 * after every submit, successful or not. One relayer per client at a time: two relayers signing at the same
 * sequence would give anyone who sees both transactions misbehaviour evidence against the source.
 */
export class Prover {
  private sequence: bigint;

  private constructor(
    readonly source: ChainEndpoint,
    readonly client: SoloMachineClientView,
  ) {
    this.sequence = client.sequence;
  }

  /** A prover starting at the client's current sequence (it must exist, be a solo machine and not be frozen). */
  static async open(source: ChainEndpoint, host: ChainEndpoint, clientId: string): Promise<Prover> {
    return new Prover(source, await readClient(host, clientId));
  }

  /** How many proofs this prover has handed out. */
  get used(): bigint {
    return this.sequence - this.client.sequence;
  }

  /** Where the next proof would be signed; `rewind` to it drops proofs made since that will not be submitted. */
  mark(): bigint {
    return this.sequence;
  }

  rewind(mark: bigint): void {
    this.sequence = mark;
  }

  /** Asks the source to sign at the next sequence; the sequence is used up only if the source answers. */
  private async sign<T>(ask: (request: ProofRequest) => Awaitable<T>): Promise<T> {
    const answer = await ask({
      diversifier: this.client.diversifier,
      sequence: this.sequence,
      replaceUndelivered: true,
    });
    this.sequence++;
    return answer;
  }

  proveState(path: string): Promise<StateProof> {
    return this.sign((request) => this.source.proveState(path, request));
  }

  /** Refused by the source while the packet could still be received there. */
  proveUnreceived(packet: Packet): Promise<UnreceivedProof> {
    return this.sign((request) => this.source.proveUnreceivedPacket(packet, request));
  }

  /** A header moving the client to the source's current time (what timeouts by timestamp need first). */
  header(): Promise<Any> {
    return this.sign((request) => this.source.signClientUpdate(request));
  }
}
