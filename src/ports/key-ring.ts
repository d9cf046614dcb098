/**
 * The secret keys that sign and verify tokens (S1). One key signs new tokens; every key still in
 * the ring verifies. Rotating means adding a new signing key and, once old links may break,
 * removing the old one. The library never sees a key: it asks the ring to sign and to verify, so
 * a ring may keep its keys in memory, a hardware module or a key service.
 *
 * @category Keys
 */
export interface KeyRing {
  /**
   * The id of the key that signs new tokens, carried by every token it signs.
   * @returns 1 to 32 characters of `A–Z a–z 0–9 _ -`; any other id fails with `KEY_RING_FAILED`.
   * @example
   * ```ts
   * keyRing.signingKeyId(); // 'k1'
   * ```
   */
  signingKeyId(): string | Promise<string>;
  /**
   * Signs bytes with HMAC-SHA-256 under a key of the ring.
   * @param keyId - the key, as {@link KeyRing.signingKeyId} named it.
   * @param data - the bytes to sign.
   * @returns the 32-byte MAC.
   * @example
   * ```ts
   * const mac = await keyRing.sign('k1', new TextEncoder().encode('something to sign'));
   * console.log(mac.byteLength); // 32
   * ```
   */
  sign(keyId: string, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /**
   * Checks a MAC in constant time (never by an early-exit comparison).
   * @param keyId - the key id the token carries.
   * @param data - the bytes that were signed.
   * @param mac - the MAC the token carries.
   * @returns `true` when the ring holds `keyId` and `mac` is its MAC of `data`; `false` otherwise,
   *   an unknown key id included.
   * @example
   * ```ts
   * const data = new TextEncoder().encode('something to sign');
   * const mac = await keyRing.sign('k1', data);
   * await keyRing.verify('k1', data, mac); // true
   * await keyRing.verify('retired-or-unknown', data, mac); // false
   * ```
   */
  verify(keyId: string, data: Uint8Array, mac: Uint8Array): boolean | Promise<boolean>;
}
