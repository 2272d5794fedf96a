/**
 * ABCI-style events as ibc-go emits them: a type and ordered string attributes. Each core event is followed, as in
 * ibc-go, by a `message` event naming the submodule (`module=ibc_channel` …), so event-driven relayers and indexers
 * written for Cosmos chains read Plurigrid's events unchanged.
 */
export interface EventAttribute {
  key: string;
  value: string;
}

export interface IbcEvent {
  type: string;
  attributes: EventAttribute[];
}

export function event(type: string, attributes: ReadonlyArray<readonly [string, string]>): IbcEvent {
  return { type, attributes: attributes.map(([key, value]) => ({ key, value })) };
}

/** ibc-go's `sdk.EventTypeMessage` with `module=<category>` (e.g. `ibc_client`, `ibc_connection`, `ibc_channel`). */
export function moduleEvent(category: string): IbcEvent {
  return event("message", [["module", category]]);
}

/** The value of an attribute, or undefined. */
export function attribute(ev: IbcEvent, key: string): string | undefined {
  return ev.attributes.find((a) => a.key === key)?.value;
}
