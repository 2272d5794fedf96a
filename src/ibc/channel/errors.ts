import { kinds } from "../errors.js";

/** 04-channel (codespace `channel`): the codes reference §4 lists, numbered as in ibc-go's types/errors.go. */
export const ChannelErrors = kinds("channel", {
  ChannelExists: [2, "channel already exists"],
  ChannelNotFound: [3, "channel not found"],
  InvalidChannel: [4, "invalid channel"],
  InvalidChannelState: [5, "invalid channel state"],
  InvalidChannelOrdering: [6, "invalid channel ordering"],
  InvalidCounterparty: [7, "invalid counterparty channel"],
  SequenceSendNotFound: [10, "sequence send not found"],
  SequenceReceiveNotFound: [11, "sequence receive not found"],
  SequenceAckNotFound: [12, "sequence acknowledgement not found"],
  InvalidPacket: [13, "invalid packet"],
  TooManyConnectionHops: [15, "too many connection hops"],
  InvalidAcknowledgement: [16, "invalid acknowledgement"],
  AcknowledgementExists: [17, "acknowledgement for packet already exists"],
  InvalidChannelIdentifier: [18, "invalid channel identifier"],
  PacketReceived: [19, "packet already received"],
  PacketCommitmentNotFound: [20, "packet commitment not found"],
  PacketSequenceOutOfOrder: [21, "packet sequence is out of order"],
  RedundantTx: [22, "packet messages are redundant"],
  NoOpMsg: [23, "message is redundant, no-op will be performed"],
  InvalidChannelVersion: [24, "invalid channel version"],
  PacketNotSent: [25, "packet has not been sent"],
  InvalidTimeout: [26, "invalid packet timeout"],
  TimeoutNotReached: [39, "timeout not reached"],
  TimeoutElapsed: [40, "timeout elapsed"],
});
