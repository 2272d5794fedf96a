import { sha256 } from "../../crypto/index.js";
import { concatBytes, uint64BigEndian } from "../bytes.js";
import type { Height } from "../client/height.js";

/**
 * ICS-04 commitments, byte-exact with ibc-go (04-channel/types/packet.go). The preimage has a fixed length (three
 * uint64s and a hash) so a relayer cannot shift bytes between fields and keep the same commitment.
 */

/** The fields a packet commitment covers: the timeout and the data, not the routing (that is in the path). */
export interface CommittedPacketFields {
  data: Uint8Array;
  timeoutHeight: Height;
  timeoutTimestamp: bigint;
}

/** sha256(be64(timeout_timestamp) ‖ be64(revision_number) ‖ be64(revision_height) ‖ sha256(data)). */
export function commitPacket(packet: CommittedPacketFields): Uint8Array {
  return sha256(
    concatBytes(
      uint64BigEndian(packet.timeoutTimestamp),
      uint64BigEndian(packet.timeoutHeight.revisionNumber),
      uint64BigEndian(packet.timeoutHeight.revisionHeight),
      sha256(packet.data),
    ),
  );
}

/** sha256(acknowledgement): what the receiving chain stores at acks/…/sequences/{n}. */
export function commitAcknowledgement(acknowledgement: Uint8Array): Uint8Array {
  return sha256(acknowledgement);
}

/** The value of a packet receipt on unordered channels: the single byte 0x01 (ibc-go SetPacketReceipt). */
export function packetReceiptValue(): Uint8Array {
  return new Uint8Array([1]);
}
