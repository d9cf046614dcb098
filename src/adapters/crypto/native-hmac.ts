/**
 * The runtime's own HMAC, where it has one: `node:crypto` on Node (20.16 and later), Bun and
 * Deno, found at run time through `process.getBuiltinModule`, so that no bundle for a browser or
 * an edge worker ever sees a `node:` import. Several times faster than Web Crypto on Node, which
 * crosses into a thread pool for every MAC.
 */

/** @internal An HMAC-SHA-256 over raw key bytes, with a constant-time comparison. */
export interface NativeHmac {
  sign(secret: Uint8Array, data: Uint8Array | string): Uint8Array;
  /** Whether two MACs are equal, in time that does not depend on where they differ. */
  equal(a: Uint8Array, b: Uint8Array): boolean;
}

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHmac(algorithm: 'sha256', key: Uint8Array): { update(data: Uint8Array | string): { digest(): Uint8Array } };
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

/** @internal The native HMAC, or `null` on a runtime without `node:crypto`. */
export function nativeHmac(): NativeHmac | null {
  let module: NodeCrypto | undefined;
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    module = runtime?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    module = undefined;
  }
  if (typeof module?.createHmac !== 'function' || typeof module.timingSafeEqual !== 'function') return null;
  const node = module;
  return {
    // Text is hashed as UTF-8, as TextEncoder would give it, without the copy; a Buffer is a
    // Uint8Array, so the MAC is answered as it is.
    sign: (secret, data) => node.createHmac('sha256', secret).update(data).digest(),
    // Compared by timingSafeEqual: the time taken does not depend on where the MACs differ.
    equal: (a, b) => a.byteLength === b.byteLength && node.timingSafeEqual(a, b),
  };
}
