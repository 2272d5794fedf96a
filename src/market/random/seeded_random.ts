/**
 * Deterministic pseudo-random numbers (no Math.random anywhere in the market library). A stream is derived from
 * a seed and a label, so adding a consumer never shifts the numbers another consumer sees.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** FNV-1a over the label, mixed with the seed: a stable 32-bit stream id. */
function hashLabel(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32 (small fast counting generator, 128-bit state), seeded from (seed, label). */
export function seededRandom(seed: number, label = ""): Random {
  let a = hashLabel(seed, label);
  let b = hashLabel(seed ^ 0x9e3779b9, label);
  let c = hashLabel(seed ^ 0x85ebca6b, label);
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const next = () => next32() / 4294967296;
  return { next, int: (n) => Math.floor(next() * n) };
}
