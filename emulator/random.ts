import { randomBytes } from "node:crypto";

/** A source of randomness that tests can seed (ids, fault decisions). */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** Lower-case hex of `length` characters. */
  hex(length: number): string;
}

/** mulberry32: small, fast and deterministic for a given seed. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    hex: (length) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(""),
  };
}

export function cryptoRandom(): RandomSource {
  return {
    next: () => randomBytes(4).readUInt32BE(0) / 4294967296,
    hex: (length) =>
      randomBytes(Math.ceil(length / 2))
        .toString("hex")
        .slice(0, length),
  };
}

/** Upper-case UUID-shaped id, like the RequestIds Alibaba Cloud returns. */
export function requestId(random: RandomSource): string {
  const h = random.hex(32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
