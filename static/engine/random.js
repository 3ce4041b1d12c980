// The browser engine's mirror of the part of numpy's random module that training uses:
// np.random.default_rng(entropy).permutation(n), with the same names. numpy's default generator is PCG64 (XSL-RR on a
// 128-bit LCG) seeded by a SeedSequence; mini-batches are shuffled by it (backprop/training.py, batches), so the page
// draws the same order as the core only by drawing the same bits. Integers past 2**32 need BigInt.

const MASK32 = 0xffffffffn, MASK64 = (1n << 64n) - 1n, MASK128 = (1n << 128n) - 1n;
const MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;  // PCG_DEFAULT_MULTIPLIER_128

// ---------------------------------------------------------------- numpy/random/bit_generator.pyx: SeedSequence
const INIT_A = 0x43b0d7e5, MULT_A = 0x931e8875, INIT_B = 0x8b51f9dd, MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd, MIX_MULT_R = 0x4973f715, XSHIFT = 16, POOL_SIZE = 4;

function coerce_to_uint32_array(entropy) {  // each non-negative int as its 32-bit words, least significant first
  return entropy.flatMap((value) => {
    let rest = BigInt(value);
    if (rest < 0n) throw new RangeError("expected non-negative integer");
    const words = [];
    do {
      words.push(Number(rest & MASK32));
      rest >>= 32n;
    } while (rest > 0n);
    return words;
  });
}

function hashmix(value, hash_const) {  // hash_const is a one-element array, changed in place as numpy's pointer is
  value = (value ^ hash_const[0]) >>> 0;
  hash_const[0] = Math.imul(hash_const[0], MULT_A) >>> 0;
  value = Math.imul(value, hash_const[0]) >>> 0;
  return (value ^ (value >>> XSHIFT)) >>> 0;
}

function mix(x, y) {
  const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (result ^ (result >>> XSHIFT)) >>> 0;
}

export class SeedSequence {
  constructor(entropy) {
    const entropy_array = coerce_to_uint32_array(Array.isArray(entropy) ? entropy : [entropy]);
    const mixer = new Array(POOL_SIZE).fill(0), hash_const = [INIT_A];
    for (let i = 0; i < POOL_SIZE; i++) mixer[i] = hashmix(i < entropy_array.length ? entropy_array[i] : 0, hash_const);
    for (let i_src = 0; i_src < POOL_SIZE; i_src++) {
      for (let i_dst = 0; i_dst < POOL_SIZE; i_dst++) {
        if (i_src !== i_dst) mixer[i_dst] = mix(mixer[i_dst], hashmix(mixer[i_src], hash_const));
      }
    }
    for (let i_src = POOL_SIZE; i_src < entropy_array.length; i_src++) {
      for (let i_dst = 0; i_dst < POOL_SIZE; i_dst++) mixer[i_dst] = mix(mixer[i_dst], hashmix(entropy_array[i_src], hash_const));
    }
    this.pool = mixer;
  }

  generate_state(n_words) {  // as numpy's generate_state(n_words, np.uint64): BigInts
    const words = [];
    let hash_const = INIT_B;
    for (let i_dst = 0; i_dst < 2 * n_words; i_dst++) {
      let data_val = (this.pool[i_dst % POOL_SIZE] ^ hash_const) >>> 0;
      hash_const = Math.imul(hash_const, MULT_B) >>> 0;
      data_val = Math.imul(data_val, hash_const) >>> 0;
      words.push((data_val ^ (data_val >>> XSHIFT)) >>> 0);
    }
    return Array.from({length: n_words}, (_, k) => BigInt(words[2 * k]) | (BigInt(words[2 * k + 1]) << 32n));
  }
}

// ---------------------------------------------------------------- numpy/random/_pcg64.pyx and src/pcg64
export class PCG64 {
  constructor(seed_seq) {
    const [s0, s1, i0, i1] = seed_seq.generate_state(4);
    this.inc = ((((i0 << 64n) | i1) << 1n) | 1n) & MASK128;
    this.state = 0n;
    this.step();
    this.state = (this.state + ((s0 << 64n) | s1)) & MASK128;
    this.step();
    this.has_uint32 = false;
    this.uinteger = 0;
  }

  step() {
    this.state = (this.state * MULTIPLIER + this.inc) & MASK128;
  }

  next_uint64() {  // XSL-RR of the stepped state
    this.step();
    const rot = Number(this.state >> 122n), x = ((this.state >> 64n) ^ this.state) & MASK64;
    return ((x >> BigInt(rot)) | (x << BigInt((64 - rot) & 63))) & MASK64;
  }

  next_uint32() {  // a 64-bit draw gives two: the low half now, the high half next time
    if (this.has_uint32) {
      this.has_uint32 = false;
      return this.uinteger;
    }
    const next = this.next_uint64();
    this.has_uint32 = true;
    this.uinteger = Number(next >> 32n);
    return Number(next & MASK32);
  }
}

// ---------------------------------------------------------------- numpy/random/src/distributions: random_interval
export function random_interval(bitgen, max) {  // uniform in [0, max] by masked rejection
  if (max === 0) return 0;
  let mask = max;
  for (const shift of [1, 2, 4, 8, 16]) mask |= mask >>> shift;
  mask >>>= 0;
  if (max > 0xffffffff) throw new RangeError("interval past 2**32");
  for (;;) {
    const value = (bitgen.next_uint32() & mask) >>> 0;
    if (value <= max) return value;
  }
}

// ---------------------------------------------------------------- numpy/random/_generator.pyx: Generator
export class Generator {
  constructor(bit_generator) {
    this.bit_generator = bit_generator;
  }

  permutation(n) {  // np.arange(n), shuffled from the last place down (Fisher-Yates), as shuffle does a 1-d array
    const x = Array.from({length: n}, (_, i) => i);
    for (let i = n - 1; i >= 1; i--) {
      const j = random_interval(this.bit_generator, i);
      [x[i], x[j]] = [x[j], x[i]];
    }
    return x;
  }
}

export function default_rng(seed) {
  return new Generator(new PCG64(new SeedSequence(seed)));
}
