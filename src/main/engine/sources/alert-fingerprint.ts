// An alert's identity from its labels, computed as Alertmanager computes it (prometheus/common's
// LabelSet.Fingerprint: FNV-1a 64 over the label names in order, each name and value followed by
// the byte 0xff; printed as 16 hex digits). Why the same: the same alert read from Prometheus'
// own list and from an Alertmanager is then one incident, not two.
const SEPARATOR = 0xff;
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LO = 0x1b3; // the 64-bit prime is 2^40 + 0x1b3
const encoder = new TextEncoder();

export function alertFingerprint(labels: Readonly<Record<string, string>>): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const add = (byte: number): void => {
    lo ^= byte;
    // why in halves: (hi:lo) * (2^40 + 0x1b3) mod 2^64 without BigInt; lo * 0x1b3 < 2^41 stays exact
    const low = (lo >>> 0) * PRIME_LO;
    const carry = Math.floor(low / 0x1_0000_0000);
    hi = (Math.imul(hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of encoder.encode(name)) add(b);
    add(SEPARATOR);
    for (const b of encoder.encode(labels[name] ?? '')) add(b);
    add(SEPARATOR);
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
