import { kinds } from "../../errors.js";

/** ICS-20 transfer (codespace `transfer`). */
export const TransferErrors = kinds("transfer", {
  InvalidPacketTimeout: [2, "invalid packet timeout"],
  InvalidDenomForTransfer: [3, "invalid denomination for cross-chain transfer"],
  InvalidVersion: [4, "invalid ICS20 version"],
  InvalidAmount: [5, "invalid token amount"],
  DenomNotFound: [6, "denomination not found"],
  SendDisabled: [7, "fungible token transfers from this chain are disabled"],
  ReceiveDisabled: [8, "fungible token transfers to this chain are disabled"],
  MaxTransferChannels: [9, "max transfer channels"],
  InvalidMemo: [11, "invalid memo"],
});
