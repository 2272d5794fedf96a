/**
 * ABCI events as the Cosmos SDK emits them: a type and ordered string attributes. An EventManager collects the
 * events of one execution scope (a message, a submessage, the ante handler); scopes hand their events to the parent
 * explicitly, so a failed scope's events simply never arrive.
 */
export interface Attribute {
  key: string;
  value: string;
}

export interface Event {
  type: string;
  attributes: Attribute[];
}

export function event(type: string, attributes: [string, string][] | Attribute[] = []): Event {
  return {
    type,
    attributes: attributes.map((a) => (Array.isArray(a) ? { key: a[0], value: a[1] } : { key: a.key, value: a.value })),
  };
}

export class EventManager {
  private readonly list: Event[] = [];

  emit(...events: Event[]): void {
    this.list.push(...events);
  }

  get events(): readonly Event[] {
    return this.list;
  }
}

/** First value of `key` in the first event of `type` (handy for clients reading a tx result). */
export function findAttribute(events: readonly Event[], type: string, key: string): string | undefined {
  for (const e of events) {
    if (e.type !== type) continue;
    const attr = e.attributes.find((a) => a.key === key);
    if (attr) return attr.value;
  }
  return undefined;
}
