/**
 * Python's `hash(str)` and the iteration order of a `set` of strings, as CPython 3.11 computes
 * them with hash randomization off (`PYTHONHASHSEED=0`, how the conformance corpus was recorded).
 *
 * A Python `set` has no insertion order: it iterates in the order of its hash table's slots, and
 * a string's slot comes from SipHash-1-3 of its bytes (key 0 when the seed is 0). Starlette joins a
 * route's method *set* into the `Allow` header, and FastAPI names an operation after the first
 * method its set yields, so reproducing those bytes means reproducing the table: `py_str_hash`
 * hashes, `py_set_order` inserts as `set_add_entry` does (slot `hash & mask`, then CPython's
 * linear probes and perturbed jumps; the table grows ×4 once 3/5 full) and reads the slots back.
 * Main functions: `py_str_hash`, `py_set_order`.
 */

const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** SipHash-1-3 of `data` with the all-zero key (CPython's `siphash13`, `_Py_HashSecret` = 0). */
function siphash13(data: Uint8Array): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK64;
    v2 = (v2 + v3) & MASK64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & MASK64;
    v0 = (v0 + v3) & MASK64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const word = (offset: number, length: number) => {
    let m = 0n;
    for (let k = length - 1; k >= 0; k--) m = (m << 8n) | BigInt(data[offset + k]);
    return m;
  };
  let offset = 0;
  for (; data.length - offset >= 8; offset += 8) {
    const m = word(offset, 8);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  const b = (BigInt(data.length) << 56n) | word(offset, data.length - offset);
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & MASK64;
}

/** The bytes CPython hashes for a str: 1, 2 or 4 bytes per character (its compact representation). */
function str_bytes(s: string): Uint8Array {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const max = cps.reduce((m, c) => Math.max(m, c), 0);
  const width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const out = new Uint8Array(cps.length * width);
  cps.forEach((cp, i) => {
    for (let k = 0; k < width; k++) out[i * width + k] = (cp >> (8 * k)) & 0xff;
  });
  return out;
}

/** `hash(s)` under PYTHONHASHSEED=0, as an unsigned 64-bit value (the bits set slots use). */
export function py_str_hash_bits(s: string): bigint {
  if (s.length === 0) return 0n;
  const known = HASHES.get(s);
  if (known !== undefined) return known;
  const h = siphash13(str_bytes(s));
  const bits = h === MASK64 ? MASK64 - 1n : h; // -1 is reserved: CPython returns -2
  if (HASHES.size >= 4096) HASHES.clear();
  HASHES.set(s, bits);
  return bits;
}

/** A string's hash never changes (the seed is fixed): method names and header keys are hashed once. */
const HASHES = new Map<string, bigint>();

/** `hash(s)` as Python prints it (a signed 64-bit int). */
export function py_str_hash(s: string): bigint {
  const bits = py_str_hash_bits(s);
  return bits >= 1n << 63n ? bits - (1n << 64n) : bits;
}

const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;

/** A set element: a string, or an int (a primary key in a many-to-many `add()`). */
type Key = string | number;

/** Put one (distinct) key in a table of `mask + 1` slots, as `set_insert_clean` does. */
function insert(table: (Key | null)[], hashes: bigint[], key: Key, hash: bigint): void {
  const mask = BigInt(table.length - 1);
  let perturb = hash;
  let i = hash & mask;
  for (;;) {
    const probes = i + BigInt(LINEAR_PROBES) <= mask ? LINEAR_PROBES : 0;
    for (let j = 0; j <= probes; j++) {
      const slot = Number(i) + j;
      if (table[slot] === null) {
        table[slot] = key;
        hashes[slot] = hash;
        return;
      }
      if (table[slot] === key) return;
    }
    perturb >>= PERTURB_SHIFT;
    i = (i * 5n + 1n + perturb) & mask;
  }
}

/** The order `for x in {a, b, c}` yields, for strings added in this order (duplicates dropped). */
export function py_set_order(items: Iterable<string>): string[] {
  const list = [...items];
  const key = list.join("\u0000");
  const known = ORDERS.get(key);
  if (known) return [...known];
  const order = set_order(list);
  if (ORDERS.size >= 1024) ORDERS.clear();
  ORDERS.set(key, order);
  return [...order];
}

/**
 * The order `for x in {a, b, c}` yields for ints: `hash(n)` is `n` itself (and -2 for -1), so
 * small ids sit at `n & mask` — `{8, 6}` yields 8 first (slot 0), then 6. Django's many-to-many
 * `add()` inserts the through rows in this order, which decides their ids.
 */
export function py_int_set_order(items: Iterable<number>): number[] {
  return set_order([...items], py_int_hash_bits);
}

/** `hash(n)` as the 64 bits a table slot is taken from (for an int that fits in a machine word). */
function py_int_hash_bits(n: number): bigint {
  return BigInt.asUintN(64, BigInt(n === -1 ? -2 : n));
}

/** The same insertion sequence always gives the same order (a route's methods, asked per request). */
const ORDERS = new Map<string, string[]>();

function set_order<K extends Key>(items: K[], hash_bits: (key: K) => bigint = py_str_hash_bits as (key: K) => bigint): K[] {
  let table: (K | null)[] = new Array(8).fill(null);
  let hashes: bigint[] = new Array(8).fill(0n);
  let used = 0;
  for (const key of items) {
    if (table.includes(key)) continue;
    insert(table, hashes, key, hash_bits(key));
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      let size = 8;
      while (size <= used * 4) size <<= 1;
      const old = table.map((k, slot) => [k, hashes[slot]] as const);
      table = new Array(size).fill(null);
      hashes = new Array(size).fill(0n);
      for (const [k, h] of old) if (k !== null) insert(table, hashes, k, h);
    }
  }
  return table.filter((k): k is K => k !== null);
}
