/**
 * An ordered map from latin1 keys (see bytes.ts) to values: a B+ tree with O(log n) get/set/delete and O(1)
 * snapshots. A snapshot is the root at that moment; the tree never mutates a node a snapshot can reach. Each node
 * carries the epoch it was created in: writes mutate nodes of the current epoch in place and copy older ones along
 * the path they touch (path copying), and taking a snapshot after a write starts a new epoch. Without open snapshots
 * writes allocate nothing but splits; with them, a write copies one root-to-leaf path, never the whole map.
 */

const MAX = 64; // entries per node before it splits
const MIN = MAX >> 2; // entries per node below which it borrows or merges (lazy: fewer rebalances)

interface Leaf<V> {
  leaf: true;
  epoch: number;
  keys: string[];
  vals: V[];
}

interface Inner<V> {
  leaf: false;
  epoch: number;
  /** keys[i] <= every key in children[i] < keys[i + 1]; keys[0] is not consulted when searching. */
  keys: string[];
  children: Node<V>[];
}

type Node<V> = Leaf<V> | Inner<V>;

/** A frozen root: what an iterator walks. */
export type Snapshot<V> = { readonly root: Node<V> };

let epochs = 0;

export class BTree<V> {
  private root: Node<V>;
  private epoch = ++epochs;
  /** True when some node of the current epoch exists, so a snapshot must start a new epoch. */
  private owned = true;
  private count = 0;

  constructor() {
    this.root = { leaf: true, epoch: this.epoch, keys: [], vals: [] };
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    let node = this.root;
    while (!node.leaf) node = node.children[childIndex(node.keys, key)];
    const i = lowerBound(node.keys, key);
    return i < node.keys.length && node.keys[i] === key ? node.vals[i] : undefined;
  }

  has(key: string): boolean {
    let node = this.root;
    while (!node.leaf) node = node.children[childIndex(node.keys, key)];
    const i = lowerBound(node.keys, key);
    return i < node.keys.length && node.keys[i] === key;
  }

  set(key: string, value: V): void {
    const root = this.own(this.root);
    const right = this.insert(root, key, value);
    if (right) {
      this.root = {
        leaf: false,
        epoch: this.epoch,
        keys: [root.keys[0] ?? "", right.keys[0]],
        children: [root, right],
      };
    } else {
      this.root = root;
    }
  }

  /** Returns whether the key was present. */
  delete(key: string): boolean {
    if (!this.has(key)) return false; // no path copying for a no-op
    let root = this.own(this.root);
    this.remove(root, key);
    while (!root.leaf && root.children.length === 1) root = root.children[0];
    this.root = root;
    this.count--;
    return true;
  }

  clear(): void {
    this.root = { leaf: true, epoch: this.epoch, keys: [], vals: [] };
    this.owned = true;
    this.count = 0;
  }

  /** O(1): the current contents, unaffected by later writes. */
  snapshot(): Snapshot<V> {
    if (this.owned) {
      this.epoch = ++epochs;
      this.owned = false;
    }
    return { root: this.root };
  }

  /** Entries with lo <= key < hi (undefined = unbounded) in ascending or descending order, from the current state. */
  entries(lo: string | undefined, hi: string | undefined, descending = false): Generator<[string, V]> {
    return walk(this.snapshot(), lo, hi, descending);
  }

  /** Checks the tree's invariants (order, separators, fill, depth, size); throws on the first violation. For tests. */
  validate(): void {
    let leafDepth = -1;
    let count = 0;
    let previous: string | undefined;
    const visit = (node: Node<V>, lower: string | undefined, upper: string | undefined, depth: number): void => {
      const n = size(node);
      if (node !== this.root && n < MIN) throw new Error(`underfull node (${n} < ${MIN}) at depth ${depth}`);
      if (n > MAX) throw new Error(`overfull node (${n} > ${MAX}) at depth ${depth}`);
      if (node.leaf) {
        if (leafDepth === -1) leafDepth = depth;
        if (depth !== leafDepth) throw new Error(`leaves at depths ${leafDepth} and ${depth}`);
        for (const key of node.keys) {
          if (previous !== undefined && key <= previous) throw new Error(`keys out of order: ${previous} then ${key}`);
          if (lower !== undefined && key < lower) throw new Error(`key ${key} below its separator ${lower}`);
          if (upper !== undefined && key >= upper) throw new Error(`key ${key} not below the next separator ${upper}`);
          previous = key;
          count++;
        }
        return;
      }
      if (n < 2 && node !== this.root) throw new Error("inner node with one child");
      for (let i = 0; i < n; i++) {
        const lo = i === 0 ? lower : node.keys[i];
        const hi = i + 1 < n ? node.keys[i + 1] : upper;
        if (i > 0 && lower !== undefined && node.keys[i] < lower) throw new Error("separator below its bound");
        visit(node.children[i], lo, hi, depth + 1);
      }
    };
    visit(this.root, undefined, undefined, 0);
    if (count !== this.count) throw new Error(`size ${this.count} but ${count} keys`);
  }

  private own<N extends Node<V>>(node: N): N {
    if (node.epoch === this.epoch) return node;
    this.owned = true;
    const copy: Node<V> = node.leaf
      ? { leaf: true, epoch: this.epoch, keys: node.keys.slice(), vals: node.vals.slice() }
      : { leaf: false, epoch: this.epoch, keys: node.keys.slice(), children: node.children.slice() };
    return copy as N;
  }

  /** Inserts into an owned node; returns the new right sibling when the node split. */
  private insert(node: Node<V>, key: string, value: V): Node<V> | undefined {
    if (node.leaf) {
      const i = lowerBound(node.keys, key);
      if (i < node.keys.length && node.keys[i] === key) {
        node.vals[i] = value;
        return undefined;
      }
      node.keys.splice(i, 0, key);
      node.vals.splice(i, 0, value);
      this.count++;
      if (node.keys.length <= MAX) return undefined;
      const half = node.keys.length >> 1;
      return { leaf: true, epoch: this.epoch, keys: node.keys.splice(half), vals: node.vals.splice(half) };
    }
    const i = childIndex(node.keys, key);
    const child = this.own(node.children[i]);
    node.children[i] = child;
    const right = this.insert(child, key, value);
    if (!right) return undefined;
    node.keys.splice(i + 1, 0, right.keys[0]);
    node.children.splice(i + 1, 0, right);
    if (node.children.length <= MAX) return undefined;
    const half = node.children.length >> 1;
    return { leaf: false, epoch: this.epoch, keys: node.keys.splice(half), children: node.children.splice(half) };
  }

  /** Removes a key known to be present from an owned node, rebalancing underfull children. */
  private remove(node: Node<V>, key: string): void {
    if (node.leaf) {
      const i = lowerBound(node.keys, key);
      node.keys.splice(i, 1);
      node.vals.splice(i, 1);
      return;
    }
    const i = childIndex(node.keys, key);
    const child = this.own(node.children[i]);
    node.children[i] = child;
    this.remove(child, key);
    if (size(child) < MIN && node.children.length > 1) this.rebalance(node, i);
  }

  /** children[i] of an owned inner node is owned and underfull: borrow one entry from a sibling, or merge. */
  private rebalance(node: Inner<V>, i: number): void {
    // Work on the pair (children[l], children[l + 1]) with the underfull child on one side.
    const l = i > 0 ? i - 1 : 0;
    const left = this.own(node.children[l]);
    const right = this.own(node.children[l + 1]);
    node.children[l] = left;
    node.children[l + 1] = right;
    const separator = node.keys[l + 1]; // every key in left < separator <= every key in right
    if (size(left) + size(right) <= MAX) {
      // Merge right into left. An inner right node's keys[0] may be stale; the separator is its true lower bound.
      if (left.leaf && right.leaf) {
        left.keys.push(...right.keys);
        left.vals.push(...right.vals);
      } else if (!left.leaf && !right.leaf) {
        left.keys.push(separator, ...right.keys.slice(1));
        left.children.push(...right.children);
      }
      node.keys.splice(l + 1, 1);
      node.children.splice(l + 1, 1);
      return;
    }
    if (size(left) < size(right)) {
      // Move the first entry of right to the end of left.
      if (left.leaf && right.leaf) {
        left.keys.push(right.keys.shift()!);
        left.vals.push(right.vals.shift()!);
      } else if (!left.leaf && !right.leaf) {
        left.keys.push(separator);
        left.children.push(right.children.shift()!);
        right.keys.shift();
      }
      node.keys[l + 1] = right.keys[0];
    } else {
      // Move the last entry of left to the front of right.
      if (left.leaf && right.leaf) {
        right.keys.unshift(left.keys.pop()!);
        right.vals.unshift(left.vals.pop()!);
      } else if (!left.leaf && !right.leaf) {
        right.keys[0] = separator;
        right.keys.unshift(left.keys.pop()!);
        right.children.unshift(left.children.pop()!);
      }
      node.keys[l + 1] = right.keys[0];
    }
  }
}

/**
 * Walks a snapshot: entries with lo <= key < hi, ascending or descending. The walk keeps a root-to-leaf path; it
 * never looks at the tree the snapshot came from, so later writes to that tree cannot affect it.
 */
export function* walk<V>(
  snapshot: Snapshot<V>,
  lo: string | undefined,
  hi: string | undefined,
  descending: boolean,
): Generator<[string, V]> {
  if (lo !== undefined && hi !== undefined && lo >= hi) return;
  const path: { node: Inner<V>; index: number }[] = [];
  let node = snapshot.root;
  if (!descending) {
    while (!node.leaf) {
      const index = lo === undefined ? 0 : childIndex(node.keys, lo);
      path.push({ node, index });
      node = node.children[index];
    }
    let i = lo === undefined ? 0 : lowerBound(node.keys, lo);
    while (true) {
      const { keys, vals } = node;
      for (; i < keys.length; i++) {
        if (hi !== undefined && keys[i] >= hi) return;
        yield [keys[i], vals[i]];
      }
      // Next leaf: climb to the nearest ancestor with a next child, then descend leftmost.
      let top = path[path.length - 1];
      while (top && top.index + 1 >= top.node.children.length) {
        path.pop();
        top = path[path.length - 1];
      }
      if (!top) return;
      top.index++;
      let next = top.node.children[top.index];
      while (!next.leaf) {
        path.push({ node: next, index: 0 });
        next = next.children[0];
      }
      node = next;
      i = 0;
    }
  } else {
    while (!node.leaf) {
      const index = hi === undefined ? node.children.length - 1 : childIndex(node.keys, hi);
      path.push({ node, index });
      node = node.children[index];
    }
    let i = (hi === undefined ? node.keys.length : lowerBound(node.keys, hi)) - 1;
    while (true) {
      const { keys, vals } = node;
      for (; i >= 0; i--) {
        if (lo !== undefined && keys[i] < lo) return;
        yield [keys[i], vals[i]];
      }
      let top = path[path.length - 1];
      while (top && top.index === 0) {
        path.pop();
        top = path[path.length - 1];
      }
      if (!top) return;
      top.index--;
      let next = top.node.children[top.index];
      while (!next.leaf) {
        path.push({ node: next, index: next.children.length - 1 });
        next = next.children[next.children.length - 1];
      }
      node = next;
      i = node.keys.length - 1;
    }
  }
}

function size<V>(node: Node<V>): number {
  return node.leaf ? node.keys.length : node.children.length;
}

/** The first index whose key is >= key. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of an inner node whose range holds key: the last i with keys[i] <= key, 0 if none (keys[0] ignored). */
function childIndex(keys: string[], key: string): number {
  let lo = 1;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
