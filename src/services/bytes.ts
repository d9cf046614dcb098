/** Comparing secrets' bytes without telling where they differ. */

/** @internal Whether two byte strings are equal, in time that depends on their lengths alone. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.byteLength ^ b.byteLength;
  for (let i = 0; i < Math.min(a.byteLength, b.byteLength); i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
