/**
 * Addresses as the RFCs write them (RFC 5321's dot-atom local part, DNS labels, RFC 6531's UTF-8
 * and IDNA domains), and the look-alike key of a guest (G10): generated from Unicode's
 * confusables data, applied to the local part only, the domain compared in its ASCII form.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, guestEmailKey, guestErasureKey, normalizeEmail } from '../src/index';
import { runs } from './support/runs';

const require = createRequire(import.meta.url);
/** Unicode's confusables data as pinned: each source code point and its prototype. */
const confusables: Record<string, string> = require('unhomoglyph/data.json');

describe('normalizeEmail follows the RFCs', () => {
  it.each([
    'a@b..com', // an empty label
    'ada.example.org', // no at sign
    'a..b@x.org', // two dots in a row in the local part
    '.a@x.org', // a local part that starts with a dot
    'a.@x.org', // … or ends with one
    'a@x-.org', // a label that ends with a hyphen
    'a@-x.org', // … or starts with one
    'a@x.123', // an all-numeric top-level label
    'a@1.2.3.4', // an address literal without its brackets
    'a@[127.0.0.1]', // an address literal
    'a@localhost', // one label
    'a@x.org.', // the root's dot
    'a@x_y.org', // an underscore in a host name
    'a@x.org/b', // what would make the domain a URL
    'a@x.org:25',
    'a@x.org?b',
    'a@x%2eorg',
    'a@xn--zz.org', // a broken A-label
    `${'a'.repeat(65)}@x.org`, // a local part of 65 octets
    `${'é'.repeat(33)}@x.org`, // … of 66 octets in UTF-8
    `a@${'b'.repeat(64)}.org`, // a label of 64 characters
    `a@${Array.from({ length: 64 }, () => 'bbb').join('.')}.org`, // a domain of 260 characters
    'a°b@x.org', // a symbol outside ASCII
    'a\u2024b@x.org', // a one-dot leader that passes for a dot
    'ａｄａ＠example.org', // a full-width at sign
    'a b@x.org',
    '"a b"@x.org', // quoted local parts are not taken
    'a(comment)@x.org',
  ])('refuses %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it.each([
    'a@b.com',
    "!#$%&'*+/=?^_`{|}~-@x.org", // every ASCII character an atom may hold
    'a.b.c@x.org',
    'ada+news@example.org',
    `${'a'.repeat(64)}@x.org`,
    `${'é'.repeat(32)}@x.org`,
    `a@${'b'.repeat(63)}.org`,
    'a@b-c.d-e.org',
    'a@x.y1', // a top-level label with a digit that is not all digits
    'a@xn--mnchen-3ya.de', // an A-label
    'a@münchen.de', // a U-label
    'a@MÜNCHEN.DE',
    'δοκιμή@παράδειγμα.δοκιμή',
    '用户@例子.广告',
    'उपयोगकर्ता@उदाहरण.कॉम',
    'a@例子。广告', // an ideographic full stop between labels
  ])('accepts %j as typed', (raw) => {
    expect(normalizeEmail(raw)).toBe(raw.normalize('NFC'));
  });

  it('whatever it accepts has a dot-atom local part and a domain of DNS labels in ASCII form', () => {
    const ascii = fc.constantFrom(...'abcxyzABC019.-_+@!%/:[]'.split(''));
    const odd = fc.constantFrom('é', 'ü', 'ß', '。', '．', '-', '.', '\u0301', 'Ⅸ', '²', '＠', '∕');
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof({ weight: 4, arbitrary: ascii }, odd), maxLength: 24 }), (raw) => {
        const email = normalizeEmail(raw);
        if (email === null) return;
        const at = email.lastIndexOf('@');
        expect(email.slice(0, at)).toMatch(/^[^.@]+(?:\.[^.@]+)*$/u);
        const domain = guestErasureKey(email).slice(guestErasureKey(email).lastIndexOf('@') + 1);
        expect(domain.length).toBeLessThanOrEqual(253);
        const labels = domain.split('.');
        expect(labels.length).toBeGreaterThanOrEqual(2);
        for (const label of labels) expect(label).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
        expect(labels.at(-1)).not.toMatch(/^\d+$/);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('reads an ASCII address as the URL parser and the Unicode classes would: the fast path changes no answer', () => {
    // The reference: the whole check through IDNA (the WHATWG URL parser) and the Unicode atoms.
    const atom = "[\\w!#$%&'*+/=?^`{|}~\\p{L}\\p{M}\\p{Nd}-]+";
    const localPart = new RegExp(`^${atom}(?:\\.${atom})*$`, 'u');
    const reference = (email: string): string | null => {
      const at = email.lastIndexOf('@');
      if (at < 0 || email.length > 254 || !localPart.test(email.slice(0, at)) || at > 64) return null;
      let host: string;
      try {
        host = new URL(`http://${email.slice(at + 1)}`).hostname;
      } catch {
        return null;
      }
      const labels = host.split('.');
      const ok = /^[A-Za-z0-9.-]+$/.test(email.slice(at + 1)) && host.length <= 253 && labels.length > 1 && labels.every((label) => /^[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/.test(label)) && !/^\d+$/.test(labels.at(-1)!);
      return ok ? host : null;
    };
    const local = fc.string({ unit: fc.constantFrom(...'ab1.+_-!'.split('')), minLength: 1, maxLength: 8 });
    const domain = fc.string({ unit: fc.constantFrom(...'abXY09.-'.split('')), minLength: 1, maxLength: 14 });
    const punycode = fc.constantFrom('xn--mnchen-3ya.de', 'XN--MNCHEN-3YA.DE', 'xn--a.org', 'a.xn--p1ai', 'xn--.org');
    fc.assert(
      fc.property(local, fc.oneof(domain, punycode), (l, d) => {
        const email = `${l}@${d}`;
        const expected = reference(email);
        expect(normalizeEmail(email)).toBe(expected === null ? null : email);
        if (expected !== null) expect(guestErasureKey(email).slice(guestErasureKey(email).lastIndexOf('@') + 1)).toBe(expected);
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('the look-alike key of a guest (G10)', () => {
  it('folds the local part only: a look-alike domain is another domain', () => {
    expect(guestEmailKey('ada@corn.org')).not.toBe(guestEmailKey('ada@com.org'));
    expect(guestEmailKey('ada@examp1e.org')).not.toBe(guestEmailKey('ada@example.org'));
    expect(guestEmailKey('rnary@example.org')).toBe(guestEmailKey('mary@example.org'));
    expect(guestEmailKey('j0hn@example.org')).toBe(guestEmailKey('john@example.org'));
  });

  it('compares the domain in its ASCII form (IDNA), so case, width and U-labels fold there', () => {
    expect(guestEmailKey('ada@MÜNCHEN.de')).toBe('ada@xn--mnchen-3ya.de');
    expect(guestEmailKey('ada@xn--mnchen-3ya.de')).toBe('ada@xn--mnchen-3ya.de');
    expect(guestEmailKey('ada@ＥＸＡＭＰＬＥ.org')).toBe('ada@example.org');
    expect(guestEmailKey('ada@例子。广告')).toBe(guestEmailKey('ada@例子.广告'));
  });

  it('holds a capital I, a small l, a small i and the digit 1 as one letter, since case folds', () => {
    const key = guestEmailKey('lan@example.org');
    for (const email of ['Ian@example.org', 'ian@example.org', '1an@example.org', '|an@example.org', 'Ιan@example.org', 'Іan@example.org']) {
      expect(guestEmailKey(email), email).toBe(key);
    }
  });

  it('folds every code point whose prototype in confusables.txt is one ASCII letter or digit to it, but the listed few that case folding leads elsewhere', () => {
    // Capital letters whose small form Unicode maps to another letter: the key ignores case, so
    // they go with their small form (Greek Η is η, drawn as n; Ν is ν, drawn as v; …).
    const exceptions = ['Ƽ', 'ſ', 'Η', 'Μ', 'Ν', 'Υ', '\u{118A4}', '\u{118A6}', '\u{118B5}', '\u{118BC}'];
    const local = (email: string) => guestEmailKey(email).slice(0, guestEmailKey(email).lastIndexOf('@'));
    let single = 0;
    let folded = 0;
    let refused = 0;
    const missed: string[] = [];
    for (const [source, prototype] of Object.entries(confusables)) {
      if (!/^[A-Za-z0-9]$/.test(prototype)) continue;
      single += 1;
      const email = normalizeEmail(`x${source}y@example.org`);
      if (email === null) {
        // Only symbols and punctuation outside ASCII are refused.
        expect(source, source).toMatch(/^[^\p{L}\p{M}\p{Nd}\0-\x7f]$/u);
        refused += 1;
      } else if (local(email) === local(`x${prototype}y@example.org`)) folded += 1;
      else {
        missed.push(source);
        expect(local(email), source).toBe(local(`x${source.toLowerCase()}y@example.org`));
      }
    }
    expect(missed.sort()).toEqual(exceptions.sort());
    expect({ single, refused, folded }).toEqual({ single: 1355, refused: 54, folded: 1291 });
  });

  it('folds every other prototype made of ASCII letters and digits, accents set aside (æ is ae, ł is l)', () => {
    const local = (email: string) => guestEmailKey(email).slice(0, guestEmailKey(email).lastIndexOf('@'));
    const bare = (text: string) => text.normalize('NFKD').replace(/\p{Mn}/gu, '');
    const missed: string[] = [];
    for (const [source, prototype] of Object.entries(confusables)) {
      if (/^[A-Za-z0-9]$/.test(prototype) || !/^[A-Za-z0-9]+$/.test(bare(prototype))) continue;
      const email = normalizeEmail(`x${source}y@example.org`);
      if (email !== null && local(email) !== local(`x${bare(prototype)}y@example.org`)) missed.push(`${source}→${prototype}`);
    }
    expect(missed).toEqual(['ẚ→ả', 'Б→b̄']);
  });

  it('keeps case and +tag folding, and keeps apart addresses a person could not mistake', () => {
    expect(guestEmailKey('Ada+work@Example.org')).toBe('ada@example.org');
    expect(guestEmailKey('аda@example.org')).toBe('ada@example.org'); // Cyrillic а
    expect(guestEmailKey('bob@example.org')).not.toBe(guestEmailKey('ada@example.org'));
    expect(guestEmailKey('ada.l@example.org')).not.toBe(guestEmailKey('adal@example.org'));
  });
});

describe('the erasure key of a guest (R1)', () => {
  it('is the address itself: case and +tag folded, nothing else', () => {
    expect(guestErasureKey('John+news@Example.ORG')).toBe('john@example.org');
    expect(guestErasureKey('john@example.org')).not.toBe(guestErasureKey('j0hn@example.org'));
    expect(guestErasureKey('john@example.org')).not.toBe(guestErasureKey('jоhn@example.org')); // Cyrillic о
    expect(guestErasureKey('ada@MÜNCHEN.de')).toBe('ada@xn--mnchen-3ya.de');
    expect(guestErasureKey('+news@example.org')).toBe('+news@example.org');
  });

  it('tells apart any two addresses that differ other than in case or +tag; the invite key (I1) stays the lower-cased address', () => {
    const local = fc.stringMatching(/^[a-zA-Z0-9._+-]{1,12}$/).filter((text) => normalizeEmail(`${text}@x.org`) !== null);
    const base = (text: string) => (text.indexOf('+') > 0 ? text.slice(0, text.indexOf('+')) : text).toLowerCase();
    fc.assert(
      fc.property(local, local, (a, b) => {
        expect(guestErasureKey(`${a}@x.org`) === guestErasureKey(`${b}@X.org`)).toBe(base(a) === base(b));
        expect(emailKey(`${a}@X.org`)).toBe(`${a.toLowerCase()}@x.org`);
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe('the generated look-alike table', () => {
  it('is what the pinned confusables data gives', () => {
    expect(() => execFileSync(process.execPath, ['scripts/generate-confusables.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('the check fails when the committed table differs from the data', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'confusables-')), 'confusables.generated.ts');
    writeFileSync(copy, readFileSync('src/domain/confusables.generated.ts', 'utf8').replace(/LOOK_ALIKES = "(.)/, 'LOOK_ALIKES = "1$1'));
    expect(() => execFileSync(process.execPath, ['scripts/generate-confusables.mjs', '--check', copy], { stdio: 'pipe' })).toThrow();
  });
});
