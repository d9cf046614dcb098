/**
 * The fast paths taken for speed, held equal to the plain ones they stand for: for any input,
 * the answer is the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAscii, foldUnicode, normalizeName } from '../src/domain/text';
import { fromBase64Url, toBase64Url } from '../src/services/base64url';
import { recentlyUsed, type KnownLink } from '../src/services/recent';
import { sha256Base64Url } from '../src/services/digest';
import { decodeTime, ulid } from 'ulid';
import { ulidTime } from '../src/domain/time';
import { runs } from './support/runs';

describe('fast paths', () => {
  it('the ASCII skeleton of an address equals the Unicode one, for any printable ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789|+-_.@ rnvwm'.split('')) }), (text) => {
        expect(foldAscii(text)).toBe(foldUnicode(text));
      }),
      { numRuns: runs(2000) },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }), (text) => {
        expect(foldAscii(text)).toBe(foldUnicode(text));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('folds ASCII look-alikes in one pass as the plain replacements, made in turn, would', () => {
    const plain = (text: string) =>
      text
        .toLowerCase()
        .replace(/[01i|]/g, (char) => ({ 0: 'o', 1: 'l', i: 'l', '|': 'l' })[char]!)
        .replace(/rn/g, 'm')
        .replace(/vv/g, 'w');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'01iI|lrRnNvVwmo.+x'.split('')), maxLength: 24 }), (text) => {
        expect(foldAscii(text)).toBe(plain(text));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('normalizes a printable ASCII name as the Unicode path would', () => {
    // The reference: the Unicode path alone.
    const plain = (value: string): string | null => {
      const name = value.trim().normalize('NFC');
      if (/[\u0000-\u001f\u007f-\u009f]/u.test(name)) return null;
      if (name.replace(/[\p{Default_Ignorable_Code_Point}\u2800]/gu, '').trim().length === 0) return null;
      return [...name].length <= 100 ? name : null;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', 'a', 'Z', '~', '\t', '\u00a0'), maxLength: 110 }), (value) => {
        expect(normalizeName(value)).toBe(plain(value));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('the time of a ULID is what the ulid package reads from it, for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 48 - 1 }), (instant) => {
        const id = ulid(instant);
        expect(ulidTime(id)).toBe(decodeTime(id));
        expect(ulidTime(id)).toBe(instant);
      }),
      { numRuns: runs(2000, { pure: true }) },
    );
    // ulid(0) would take the clock's time: the first instant is checked by its text.
    expect(ulidTime('00000000000000000000000000')).toBe(0);
  });

  it('base64url by table agrees with the platform, and refuses what is not canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: runs(2000) },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const decoded = fromBase64Url(text);
        // Whatever it accepts is the one text of those bytes.
        if (decoded !== null) expect(toBase64Url(decoded)).toBe(text);
      }),
      { numRuns: runs(2000) },
    );
    expect(fromBase64Url('AB')).toBeNull(); // spare bits set
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AA=A')).toBeNull();
  });

  it('the SHA-256 digest is the same through node:crypto and Web Crypto', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        const web = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('base64url');
        expect(await sha256Base64Url(text)).toBe(web);
      }),
      { numRuns: runs(300) },
    );
  });

  it('the link cache answers what was last remembered, forgets only the least recently used, and stays bounded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('get', 'remember', 'forget'), fc.integer({ min: 0, max: 30 })), { maxLength: 300 }),
        fc.integer({ min: 2, max: 12 }),
        (steps, limit) => {
          const cache = recentlyUsed<KnownLink>(limit);
          const truth = new Map<string, { entryId: string; name: string }>();
          let version = 0;
          for (const [op, n] of steps) {
            const id = `l${n}`;
            if (op === 'remember') {
              const link = { entryId: `e${n}`, name: `v${version++}`, allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false };
              cache.remember(id, link);
              truth.set(id, link);
            } else if (op === 'forget') {
              cache.forget(id);
              truth.delete(id);
            } else {
              const got = cache.get(id);
              // A cache may forget; it never answers something it was not told, or an older value.
              if (got !== undefined) expect(got).toBe(truth.get(id));
            }
          }
          let held = 0;
          for (const id of truth.keys()) if (cache.get(id) !== undefined) held += 1;
          expect(held).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
