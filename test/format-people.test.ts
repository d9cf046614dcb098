/**
 * Refusals as people read them (P1): every code, the library's reasons and the HTTP layer's own,
 * for the guest or invitee and for the owner, moderator or inviter, in English, French and
 * German, each saying what happened and what to do now. No code and no internal name in any sentence, no English left in French or German, a guest
 * never spoken of as "this guest", and the range said where a limit is the reason.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { HTTP_ERROR_CODES } from '../src/domain/http-codes';
import { type Audience, type Catalogue, de, en, fr, type HttpErrorCode as FormatHttpErrorCode, type RefusalCode, refusalText, type RefusalWords } from '../src/format';
import { createHttpHandler, HTTP_STATUS, type HttpErrorCode } from '../src/http';
import { MAX_DURATION_DAYS, MAX_PAGE_SIZE, MAX_USE_LIMIT, NAME_MAX_LENGTH, REASON_MESSAGES, type ReasonCode } from '../src/index';
import { INVITE_REASON_MESSAGES } from '../src/invites';
import { harness, inviteHarness, ok, owner } from './harness';
import { runs } from './support/runs';
import { refusal } from './support/refusal';

const REASON_CODES = [...Object.keys(REASON_MESSAGES), ...Object.keys(INVITE_REASON_MESSAGES)] as ReasonCode[];
/** Every code with words: the library's reasons, and the codes the HTTP layer answers on its own. */
const CODES: readonly RefusalCode[] = [...REASON_CODES, ...HTTP_ERROR_CODES];
const AUDIENCES: readonly Audience[] = ['guest', 'owner'];
const CATALOGUES: readonly Catalogue[] = [en, fr, de];
const MAPS = { guest: 'guestRefusals', owner: 'ownerRefusals' } as const;

/** The words a built-in catalogue has for a code and a reader: every one has them, or this throws. */
function wordsOf(catalogue: Catalogue, audience: Audience, code: RefusalCode): RefusalWords {
  const words = catalogue[MAPS[audience]][code];
  if (words === undefined) throw new Error(`${catalogue.locale} ${audience} has no words for ${code}`);
  return words;
}

/** Every sentence of a catalogue's two maps, with where it is, for the messages of failures. */
function sentences(catalogue: Catalogue): { where: string; audience: Audience; code: RefusalCode; sentence: string }[] {
  return AUDIENCES.flatMap((audience) =>
    CODES.flatMap((code) => {
      const words = wordsOf(catalogue, audience, code);
      return (['text', 'next'] as const).map((part) => ({ where: `${catalogue.locale} ${audience} ${code}.${part}`, audience, code, sentence: words[part] }));
    }),
  );
}

/**
 * English words that French and German never use as words of their own: the test of leftovers.
 * Left out on purpose: "in", "an", "so", "was", "will", "hat", "die", "link" (German), "a", "on",
 * "or", "site", "page" (French).
 */
const ENGLISH_WORDS = [
  ...['the', 'you', 'your', 'this', 'that', 'with', 'please', 'again', 'is', 'are', 'has', 'have'],
  ...['been', 'to', 'of', 'for', 'and', 'it', 'can', 'could', 'from', 'there'],
];

/** The English words in a sentence, by whole words whatever their case. */
const englishIn = (sentence: string) => {
  const words = sentence.toLowerCase().split(/[^\p{L}]+/u);
  return ENGLISH_WORDS.filter((word) => words.includes(word));
};

/** Every leftover of English in a French or German catalogue: sentences equal to English, or with English words. */
function leftovers(catalogue: Catalogue): string[] {
  return sentences(catalogue).flatMap(({ where, audience, code, sentence }) => {
    const english = wordsOf(en, audience, code);
    const found = englishIn(sentence);
    return [
      ...(sentence === english.text || sentence === english.next ? [`${where}: the English sentence`] : []),
      ...(found.length > 0 ? [`${where}: ${found.join(', ')}`] : []),
    ];
  });
}

/** How a guest would be spoken of in the third person, in each language. */
const THIRD_PERSON: Readonly<Record<string, RegExp>> = {
  en: /\b(this|the|a|that) guest\b(?!\s+(links?|access)\b)|\bguest’s\b/iu, // "a guest link" is the link's kind, not a person
  fr: /(\bcet|\bun|\ble|l’)\s*invitée?(?!\p{L})/iu,
  de: /\b(dies(er|en|em|es)|der|den|dem|des|ein(en|em|es)?)\s+gast(es)?\b/iu,
};

/** A number as the language writes it: 2,147,483,647, 2 147 483 647 (narrow no-break spaces), 2.147.483.647. */
const number = (n: number, catalogue: Catalogue) => new Intl.NumberFormat(catalogue.locale).format(n);


/** Words of the code, not of people: a sentence names a field as a person sees it. */
const INTERNAL_WORDS = ['id', 'ulid', 'actor', 'claimant', 'cursor', 'token', 'tokens', 'boolean', 'undefined'];

describe('every refusal, for both people, in every language', () => {
  it('has what happened and what to do now, each a sentence, for every code, audience and language', () => {
    for (const catalogue of CATALOGUES) {
      for (const audience of AUDIENCES) {
        // Exactly the codes: none missing, none that is not a code.
        expect(Object.keys(catalogue[MAPS[audience]]).sort(), `${catalogue.locale} ${audience}`).toEqual([...CODES].sort());
        for (const code of CODES) {
          const said = refusalText(code, { audience, catalogue });
          expect(said).toEqual({ code, ...wordsOf(catalogue, audience, code) });
          for (const sentence of [said.text, said.next]) {
            expect(sentence, `${catalogue.locale} ${audience} ${code}`).toMatch(/^\p{Lu}.*\S[.!?]$/u);
            expect(sentence, `${catalogue.locale} ${audience} ${code}`).toBe(sentence.trim());
          }
          expect(said.next, `${catalogue.locale} ${audience} ${code}`).not.toBe(said.text);
        }
      }
    }
  });

  it('never shows a code or an internal name', () => {
    for (const catalogue of CATALOGUES) {
      for (const { where, sentence } of sentences(catalogue)) {
        expect(sentence, where).not.toMatch(/\b[A-Z]+(_[A-Z]+)+\b/u);
        expect(sentence, where).not.toMatch(/\p{Ll}\p{Lu}/u); // camelCase: useLimit, durationDays, entryId
        const words = sentence.toLowerCase().split(/[^\p{L}]+/u);
        expect(words.filter((w) => INTERNAL_WORDS.includes(w)), where).toEqual([]);
      }
    }
  });

  it('speaks to the guest, never of "this guest", and the detector of the third person does find it', () => {
    for (const catalogue of CATALOGUES) {
      const pattern = THIRD_PERSON[catalogue.locale]!;
      for (const { where, sentence } of sentences(catalogue).filter((s) => s.audience === 'guest')) expect(sentence, where).not.toMatch(pattern);
      // The owner reads of the guest: the same pattern finds it there.
      expect(wordsOf(catalogue, 'owner', 'GUEST_WAITING').text).toMatch(pattern);
      expect(wordsOf(catalogue, 'owner', 'SESSION_CHANGED').text).toMatch(pattern);
    }
    expect(wordsOf(en, 'guest', 'GUEST_DECLINED')).toEqual({
      text: 'A moderator has closed this room to you.',
      next: 'If you think this is a mistake, contact the person who shared the link with you.',
    });
    expect(wordsOf(en, 'guest', 'GUEST_WAITING').next).toBe('Wait here: this page updates itself.');
    expect(wordsOf(en, 'guest', 'LINK_INVALID').next).toBe('Ask the person who shared it with you for a new one.');
  });
});

describe('the codes the HTTP layer answers on its own', () => {
  it('are the HTTP layer’s codes that are not reason codes, none missing and none more, so the two cannot drift apart', () => {
    const layer = Object.keys(HTTP_STATUS).filter((code) => !(REASON_CODES as string[]).includes(code));
    expect([...HTTP_ERROR_CODES].sort()).toEqual(layer.sort());
    expect(HTTP_ERROR_CODES.filter((code) => (REASON_CODES as string[]).includes(code))).toEqual([]);
    // Every code a response of the HTTP layer can carry has words, and no other.
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...CODES].sort());
    expectTypeOf<FormatHttpErrorCode>().toEqualTypeOf<HttpErrorCode>();
    expectTypeOf<RefusalCode>().toEqualTypeOf<keyof typeof HTTP_STATUS>();
    expectTypeOf(refusalText).parameter(0).toEqualTypeOf<RefusalCode>();
  });

  it('have words for both readers in every language, word for word where a person meets them most', () => {
    expect(refusalText('RATE_LIMITED', { audience: 'guest' })).toEqual({
      code: 'RATE_LIMITED',
      text: 'Too many tries from here in a short time.',
      next: 'Wait a minute, then try again.',
    });
    expect(refusalText('RATE_LIMITED', { audience: 'guest', catalogue: fr }).next).toBe('Attendez une minute, puis réessayez.');
    expect(refusalText('RATE_LIMITED', { audience: 'owner', catalogue: de }).text).toBe('Zu viele Versuche von hier in kurzer Zeit.');
    expect(refusalText('UNAUTHENTICATED', { audience: 'owner' })).toEqual({
      code: 'UNAUTHENTICATED',
      text: 'You need to be signed in to do this.',
      next: 'Sign in, then try again.',
    });
    expect(refusalText('SERVICE_UNAVAILABLE', { audience: 'guest', catalogue: de }).next).toBe(
      'Warten Sie ein paar Sekunden und versuchen Sie es dann noch einmal.',
    );
    // A fault of the site is said as one, with what to do, to each reader.
    expect(refusalText('INTERNAL_ERROR', { audience: 'guest' }).text).toBe('Something went wrong on the site.');
    expect(refusalText('INTERNAL_ERROR', { audience: 'owner', catalogue: fr }).next).toBe(
      'Rechargez la page et réessayez. Si cela se reproduit, prévenez les administrateurs du site.',
    );
    for (const catalogue of CATALOGUES) {
      for (const audience of AUDIENCES) {
        for (const code of HTTP_ERROR_CODES) {
          expect(refusalText(code, { audience, catalogue }), `${catalogue.locale} ${audience} ${code}`).toEqual({ code, ...wordsOf(catalogue, audience, code) });
        }
      }
    }
  });

  it('are said for the code a refused form post is sent back with, to the owner and to the invitee', async () => {
    const h = await inviteHarness();
    const handler = createHttpHandler({ guestLinks: h.access, inviteLinks: h.invites, authenticate: () => null, claimant: () => null, rateLimiter: null });
    const post = async (path: string, fields: Record<string, string>) => {
      const response = await handler(
        new Request(`https://media.example.org/access-links${path}`, {
          method: 'POST',
          headers: { origin: 'https://media.example.org', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        }),
      );
      expect(response.status).toBe(303);
      return new URL(response.headers.get('location')!, 'https://media.example.org').searchParams.get('code') as RefusalCode;
    };
    const asOwner = await post('/entries/video-1/guest-links', { name: 'Press', next: '/manage', back: '/manage' });
    expect(refusalText(asOwner, { audience: 'owner', catalogue: fr })).toEqual({ code: 'UNAUTHENTICATED', ...wordsOf(fr, 'owner', 'UNAUTHENTICATED') });
    const asInvitee = await post('/invites/a-token/accept', { next: '/welcome', back: '/invite' });
    expect(refusalText(asInvitee, { audience: 'guest' })).toEqual({
      code: 'UNAUTHENTICATED',
      text: 'You need to be signed in to do this.',
      next: 'Sign in, then open the link again.',
    });
  });
});

describe('French and German', () => {
  it('have no English left: no sentence equal to its English one, no English word', () => {
    expect(leftovers(fr)).toEqual([]);
    expect(leftovers(de)).toEqual([]);
  });

  it('the test of leftovers fails for any English sentence pasted into French or German, in any place', () => {
    for (const [index, { where, sentence }] of sentences(en).entries()) {
      // Every English sentence has English words, so it is found even where it is not its own.
      expect(englishIn(sentence), where).not.toEqual([]);
      for (const catalogue of [fr, de]) {
        const audience = AUDIENCES[index % 2]!;
        const code = CODES[(index * 7) % CODES.length]!;
        const map = MAPS[audience];
        const pasted: Catalogue = { ...catalogue, [map]: { ...catalogue[map], [code]: { ...catalogue[map][code], text: sentence } } };
        expect(leftovers(pasted), `${where} pasted into ${catalogue.locale} ${audience} ${code}`).toContainEqual(expect.stringMatching(/^\w+ \w+ \w+\.text: /u));
      }
    }
  });

  it('are written as each language is: French with ’ and no-break spaces, German with the formal Sie', () => {
    for (const catalogue of CATALOGUES) {
      for (const { where, sentence } of sentences(catalogue)) {
        expect(sentence, where).not.toContain("'"); // the typographic apostrophe, ’
        expect(sentence, where).not.toMatch(/ {2}/u);
        if (catalogue === fr) {
          // A no-break space before ; : ! ? and between groups of digits, never a space that breaks.
          expect(sentence, where).not.toMatch(/[^\u00a0\u202f][;:!?]/u);
          expect(sentence, where).not.toMatch(/\d \d/u);
        } else {
          expect(sentence, where).not.toMatch(/\s[;:!?]/u);
        }
        if (catalogue === de) expect(sentence, where).not.toMatch(/\b(du|dich|dir|dein|deine|deinen|euch|euer)\b/iu);
      }
    }
    expect(wordsOf(fr, 'guest', 'GUEST_WAITING').next).toBe('Patientez ici\u00a0: cette page se met à jour toute seule.');
    expect(wordsOf(de, 'guest', 'GUEST_WAITING').next).toBe('Warten Sie hier: Diese Seite aktualisiert sich von selbst.');
  });
});

describe('a limit refused', () => {
  it('says the range, in numbers as each language writes them', () => {
    for (const catalogue of CATALOGUES) {
      const owner = (code: RefusalCode) => wordsOf(catalogue, 'owner', code);
      expect(owner('INVALID_USE_LIMIT').text, catalogue.locale).toContain(number(MAX_USE_LIMIT, catalogue));
      expect(owner('INVALID_DURATION').text, catalogue.locale).toContain(number(MAX_DURATION_DAYS, catalogue));
      expect(owner('INVALID_LIMIT').text, catalogue.locale).toContain(number(MAX_PAGE_SIZE, catalogue));
      // Each range starts at 1.
      const guest = (code: RefusalCode) => wordsOf(catalogue, 'guest', code);
      const ranges = [owner('INVALID_USE_LIMIT'), owner('INVALID_DURATION'), owner('INVALID_LIMIT'), owner('INVALID_NAME'), guest('INVALID_NAME')];
      for (const { text } of ranges) expect(text, catalogue.locale).toMatch(/\b1\b/u);
      expect(owner('INVALID_NAME').text).toContain(String(NAME_MAX_LENGTH));
      expect(guest('INVALID_NAME').text).toContain(String(NAME_MAX_LENGTH));
    }
    expect(refusalText('INVALID_USE_LIMIT', { audience: 'owner' }).text).toBe('The number of clicks must be a whole number from 1 to 2,147,483,647.');
    expect(refusalText('INVALID_DURATION', { audience: 'owner' }).text).toBe('The duration must be a whole number of days from 1 to 36,500.');
    expect(refusalText('INVALID_USE_LIMIT', { audience: 'owner', catalogue: fr }).text).toBe(
      'Le nombre de clics doit être un nombre entier de 1 à 2\u202f147\u202f483\u202f647.',
    );
    expect(refusalText('INVALID_DURATION', { audience: 'owner', catalogue: de }).text).toBe('Die Dauer muss eine ganze Zahl von 1 bis 36.500 Tagen sein.');
  });

  it('is the range the library enforces: 0 clicks and 99,999 days are refused with those words, the ends of the range are taken', async () => {
    const { access } = await harness();
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const refused = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Press', useLimit: 0, durationDays: 99_999 });
    expect(refused.ok).toBe(false);
    const codes = refused.ok ? [] : refused.reasons.map((r) => r.code);
    expect(codes).toEqual(['INVALID_USE_LIMIT', 'INVALID_DURATION']);
    expect(codes.map((code) => refusalText(code, { audience: 'owner' }).text)).toEqual([
      'The number of clicks must be a whole number from 1 to 2,147,483,647.',
      'The duration must be a whole number of days from 1 to 36,500.',
    ]);
    const over = await access.createGuestLink({
      actor: owner,
      entryId: 'video-1',
      name: 'Press',
      useLimit: MAX_USE_LIMIT + 1,
      durationDays: MAX_DURATION_DAYS + 1,
    });
    expect(over.ok ? [] : over.reasons.map((r) => r.code)).toEqual(['INVALID_USE_LIMIT', 'INVALID_DURATION']);
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Widest', useLimit: MAX_USE_LIMIT, durationDays: MAX_DURATION_DAYS }));
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Narrowest', useLimit: 1, durationDays: 1 }));
  });
});

describe('refusalText over any input', () => {
  const catalogue = fc.constantFrom(undefined, en, fr, de);

  it('gives any code, for either audience, its words from the catalogue with the code unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.constantFrom(...AUDIENCES), catalogue, (code, audience, words) => {
        const said = refusalText(code, { audience, catalogue: words });
        expect(said).toEqual({ code, ...wordsOf(words ?? en, audience, code) });
        expect(said.text.length).toBeGreaterThan(0);
        expect(said.next.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(500, { pure: true }) },
    );
  });

  it('refuses anything that is not a code, and any audience that is not one, with INVALID_ARGUMENT', () => {
    const notACode = fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[A-Z_]{1,30}$/)).filter((value) => !(CODES as unknown[]).includes(value));
    const notAnAudience = fc.anything().filter((value) => value !== 'guest' && value !== 'owner');
    fc.assert(
      fc.property(notACode, fc.constantFrom(...AUDIENCES), catalogue, (code, audience, words) => {
        refusal(() => refusalText(code as never, { audience, catalogue: words }));
      }),
      { numRuns: runs(1000, { pure: true }) },
    );
    fc.assert(
      fc.property(fc.constantFrom(...CODES), notAnAudience, (code, audience) => {
        expect(refusal(() => refusalText(code, { audience } as never)).message).toBe("The audience must be 'guest' or 'owner'.");
      }),
      { numRuns: runs(500, { pure: true }) },
    );
  });

  it('takes a host’s own words, and English for a code it leaves out or gives without both sentences', () => {
    const broken: unknown[] = [undefined, null, 'text', {}, { text: 'Solo.' }, { next: 'Solo.' }, { text: '', next: 'Empty.' }, { text: 7, next: 'Seven.' }];
    fc.assert(
      fc.property(
        fc.constantFrom(...CODES),
        fc.constantFrom(...AUDIENCES),
        fc.option(fc.constantFrom(...broken), { nil: undefined }),
        fc.boolean(),
        (code, audience, bad, leaveOut) => {
          const map = MAPS[audience];
          const own: Record<string, unknown> = { ...de[map] };
          if (leaveOut) delete own[code];
          else if (bad !== undefined) own[code] = bad;
          const host = { ...de, locale: 'de-CH', [map]: own } as Catalogue;
          const expected = wordsOf(leaveOut || bad !== undefined ? en : de, audience, code);
          expect(refusalText(code, { audience, catalogue: host })).toEqual({ code, ...expected });
        },
      ),
      { numRuns: runs(500, { pure: true }) },
    );
    const spanish = { text: 'Este enlace ya no funciona.', next: 'Pida uno nuevo a quien se lo compartió.' };
    const mine: Catalogue = { ...en, locale: 'es', guestRefusals: { ...en.guestRefusals, LINK_INVALID: spanish } };
    expect(refusalText('LINK_INVALID', { audience: 'guest', catalogue: mine })).toEqual({ code: 'LINK_INVALID', ...spanish });
    expect(refusalText('LINK_INVALID', { audience: 'owner', catalogue: mine })).toEqual({ code: 'LINK_INVALID', ...wordsOf(en, 'owner', 'LINK_INVALID') });
  });

  it('refuses a host’s catalogue without either map, word for word', () => {
    const message = 'A catalogue needs locale, dateLocale, dateFormat, expiry, messages, guestRefusals, ownerRefusals and invite, as en has them.';
    for (const map of Object.values(MAPS)) {
      const without: Partial<Catalogue> = { ...fr };
      delete without[map];
      for (const catalogue of [without, { ...fr, [map]: null }, { ...fr, [map]: 'fr' }]) {
        for (const audience of AUDIENCES) expect(refusal(() => refusalText('LINK_INVALID', { audience, catalogue: catalogue as never })).message).toBe(message);
      }
    }
  });
});
