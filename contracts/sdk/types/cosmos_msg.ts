import { JsonWriter } from "../json/writer";
import { Binary } from "./binary";
import { Coin } from "./coin";
import { IbcTimeout } from "./ibc";

/** A message the chain dispatches after the call (cosmwasm-std CosmosMsg), serialised externally tagged. */
export abstract class CosmosMsg {
  abstract writeJson(w: JsonWriter): void;
}

/** Any CosmosMsg given as its JSON text, e.g. one received in a message and passed on unchanged. */
export class RawMsg extends CosmosMsg {
  constructor(readonly json: Uint8Array) {
    super();
  }

  writeJson(w: JsonWriter): void {
    w.rawBytes(this.json);
  }
}

enum BankKind {
  Send,
  Burn,
}

/** `{"bank":{"send":{"to_address","amount"}}}` and `{"bank":{"burn":{"amount"}}}`. */
export class BankMsg extends CosmosMsg {
  private constructor(
    private readonly kind: BankKind,
    readonly toAddress: string,
    readonly amount: Coin[],
  ) {
    super();
  }

  static send(toAddress: string, amount: Coin[]): BankMsg {
    return new BankMsg(BankKind.Send, toAddress, amount);
  }

  static burn(amount: Coin[]): BankMsg {
    return new BankMsg(BankKind.Burn, "", amount);
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("bank").beginObject();
    if (this.kind == BankKind.Send) w.key("send").beginObject().key("to_address").string(this.toAddress);
    else w.key("burn").beginObject();
    w.key("amount");
    Coin.writeList(w, this.amount);
    w.endObject().endObject().endObject();
  }
}

enum WasmKind {
  Execute,
  Instantiate,
  Migrate,
  UpdateAdmin,
  ClearAdmin,
}

/** Messages to contracts: execute, instantiate, migrate, update_admin, clear_admin. `msg` is the JSON message. */
export class WasmMsg extends CosmosMsg {
  private constructor(
    private readonly kind: WasmKind,
    readonly contractAddr: string,
    readonly msg: Binary,
    readonly funds: Coin[],
    readonly codeId: u64,
    readonly admin: string | null,
    readonly label: string,
  ) {
    super();
  }

  static execute(contractAddr: string, msg: Binary, funds: Coin[]): WasmMsg {
    return new WasmMsg(WasmKind.Execute, contractAddr, msg, funds, 0, null, "");
  }

  static instantiate(admin: string | null, codeId: u64, msg: Binary, funds: Coin[], label: string): WasmMsg {
    return new WasmMsg(WasmKind.Instantiate, "", msg, funds, codeId, admin, label);
  }

  static migrate(contractAddr: string, newCodeId: u64, msg: Binary): WasmMsg {
    return new WasmMsg(WasmKind.Migrate, contractAddr, msg, [], newCodeId, null, "");
  }

  static updateAdmin(contractAddr: string, admin: string): WasmMsg {
    return new WasmMsg(WasmKind.UpdateAdmin, contractAddr, new Binary(), [], 0, admin, "");
  }

  static clearAdmin(contractAddr: string): WasmMsg {
    return new WasmMsg(WasmKind.ClearAdmin, contractAddr, new Binary(), [], 0, null, "");
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("wasm").beginObject();
    switch (this.kind) {
      case WasmKind.Execute:
        w.key("execute").beginObject().key("contract_addr").string(this.contractAddr).key("msg");
        this.msg.writeJson(w);
        w.key("funds");
        Coin.writeList(w, this.funds);
        break;
      case WasmKind.Instantiate:
        w.key("instantiate").beginObject().key("admin").optionalString(this.admin).key("code_id").u64(this.codeId);
        w.key("msg");
        this.msg.writeJson(w);
        w.key("funds");
        Coin.writeList(w, this.funds);
        w.key("label").string(this.label);
        break;
      case WasmKind.Migrate:
        w.key("migrate").beginObject().key("contract_addr").string(this.contractAddr);
        w.key("new_code_id").u64(this.codeId).key("msg");
        this.msg.writeJson(w);
        break;
      case WasmKind.UpdateAdmin:
        w.key("update_admin").beginObject().key("contract_addr").string(this.contractAddr);
        w.key("admin").string(this.admin!);
        break;
      default:
        w.key("clear_admin").beginObject().key("contract_addr").string(this.contractAddr);
    }
    w.endObject().endObject().endObject();
  }
}

enum IbcKind {
  Transfer,
  SendPacket,
  WriteAcknowledgement,
  CloseChannel,
}

/**
 * IBC messages of a contract: an ICS-20 `transfer`, `send_packet` on a channel of the contract's own port,
 * `write_acknowledgement` for a packet received with a deferred (null) acknowledgement (needs cosmwasm_2_1),
 * and `close_channel`.
 */
export class IbcMsg extends CosmosMsg {
  private constructor(
    private readonly kind: IbcKind,
    readonly channelId: string,
    readonly data: Binary,
    readonly timeout: IbcTimeout | null,
    readonly toAddress: string,
    readonly amount: Coin | null,
    readonly memo: string | null,
    readonly packetSequence: u64,
  ) {
    super();
  }

  static transfer(
    channelId: string,
    toAddress: string,
    amount: Coin,
    timeout: IbcTimeout,
    memo: string | null,
  ): IbcMsg {
    return new IbcMsg(IbcKind.Transfer, channelId, new Binary(), timeout, toAddress, amount, memo, 0);
  }

  static sendPacket(channelId: string, data: Binary, timeout: IbcTimeout): IbcMsg {
    return new IbcMsg(IbcKind.SendPacket, channelId, data, timeout, "", null, null, 0);
  }

  /** `ack` is the acknowledgement's raw bytes. */
  static writeAcknowledgement(channelId: string, packetSequence: u64, ack: Binary): IbcMsg {
    return new IbcMsg(IbcKind.WriteAcknowledgement, channelId, ack, null, "", null, null, packetSequence);
  }

  static closeChannel(channelId: string): IbcMsg {
    return new IbcMsg(IbcKind.CloseChannel, channelId, new Binary(), null, "", null, null, 0);
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("ibc").beginObject();
    switch (this.kind) {
      case IbcKind.Transfer:
        w.key("transfer").beginObject().key("channel_id").string(this.channelId);
        w.key("to_address").string(this.toAddress).key("amount");
        this.amount!.writeJson(w);
        w.key("timeout");
        this.timeout!.writeJson(w);
        w.key("memo").optionalString(this.memo);
        break;
      case IbcKind.SendPacket:
        w.key("send_packet").beginObject().key("channel_id").string(this.channelId).key("data");
        this.data.writeJson(w);
        w.key("timeout");
        this.timeout!.writeJson(w);
        break;
      case IbcKind.WriteAcknowledgement:
        w.key("write_acknowledgement").beginObject().key("channel_id").string(this.channelId);
        w.key("packet_sequence").u64(this.packetSequence).key("ack").beginObject().key("data");
        this.data.writeJson(w);
        w.endObject();
        break;
      default:
        w.key("close_channel").beginObject().key("channel_id").string(this.channelId);
    }
    w.endObject().endObject().endObject();
  }
}
