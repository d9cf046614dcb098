/**
 * A signing key with the id that tokens carry, so that the right key verifies them later.
 */
export interface SigningKey {
  /** The key's id: 1 to 32 characters from `A–Z a–z 0–9 _ -`. */
  readonly id: string;
  /** An HMAC-SHA-256 key usable for `sign` and `verify`. */
  readonly key: CryptoKey;
}

/**
 * The secret keys that sign and verify tokens (S1). One key signs new tokens; every key still
 * in the ring verifies. Rotating means adding a new signing key and, once old links may break,
 * removing the old one.
 */
export interface KeyRing {
  /**
   * The key that signs new tokens.
   * @returns the current signing key.
   */
  signingKey(): Promise<SigningKey>;
  /**
   * A key that may verify a token signed under `id`.
   * @param id - the key id a token carries.
   * @returns the key, or `null` when the ring has no key with this id.
   */
  verificationKey(id: string): Promise<CryptoKey | null>;
}
