/**
 * `access-links/format` word for word: what each function says when it refuses an argument, which
 * catalogue it picks, what a host's own catalogue must hold, and the invite email as it is sent.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Catalogue,
  catalogueFor,
  createInviteRenderer,
  de,
  en,
  formatDate,
  formatExpiry,
  fr,
  type RefusalCode,
  refusalMessage,
  refusalText,
  type RefusalWords,
} from '../src/format';
import { refusal } from './support/refusal';

const NOW = Date.UTC(2026, 10, 30, 16);
const EXPIRES = Date.UTC(2026, 11, 7, 16);


describe('what each function says when it refuses an argument', () => {
  it('names the instant it could not use', () => {
    expect(refusal(() => formatDate('soon' as never)).message).toBe('The instant must be milliseconds since the epoch.');
    expect(refusal(() => formatDate(8.64e15 + 1)).message).toBe('The instant must be milliseconds since the epoch.');
    expect(refusal(() => formatExpiry(EXPIRES, Number.NaN)).message).toBe('now must be milliseconds since the epoch.');
    expect(refusal(() => formatExpiry('tomorrow' as never, NOW)).message).toBe('expiresAt must be milliseconds since the epoch.');
    expect(formatDate(8.64e15, { timeZone: 'UTC' })).toBe('13 September 275760, 00:00');
  });

  it('refuses options that are not an object, and a time zone that is not text or not a zone, with the zone named', () => {
    expect(refusal(() => formatDate(NOW, 'Europe/Paris' as never)).message).toBe('Options must be an object: { catalogue?, timeZone? }.');
    expect(refusal(() => formatExpiry(EXPIRES, NOW, null as never)).message).toBe('Options must be an object: { catalogue?, timeZone? }.');
    expect(refusal(() => formatDate(NOW, { timeZone: 5 as never })).message).toBe('5 is not an IANA time zone.');
    const unknown = refusal(() => formatDate(NOW, { timeZone: 'Mars/Olympus' }));
    expect(unknown.message).toBe('"Mars/Olympus" is not an IANA time zone.');
    // The runtime's own refusal is kept as the cause, for the logs.
    expect(unknown.cause).toBeInstanceOf(RangeError);
  });

  it('refuses a code, a locale or a list of catalogues of the wrong kind', () => {
    expect(refusal(() => refusalMessage(7 as never)).message).toBe('The code must be a reason code.');
    expect(refusal(() => refusalMessage(null as never, fr)).message).toBe('The code must be a reason code.');
    expect(refusal(() => catalogueFor(7 as never, [en])).message).toBe('The locale must be a language tag or null.');
    expect(refusal(() => catalogueFor('en', 'en' as never)).message).toBe('The catalogues must be a list.');
    expect(refusal(() => createInviteRenderer([])).message).toBe('createInviteRenderer takes a list of catalogues, the default first.');
    expect(refusal(() => createInviteRenderer(en as never)).message).toBe('createInviteRenderer takes a list of catalogues, the default first.');
    expect(refusal(() => createInviteRenderer()(null as never)).message).toBe('The renderer takes the invite message data.');
  });

  it('refuses a refusal code that is not one, options that are not an object, and an audience that is not one', () => {
    expect(refusal(() => refusalText(7 as never, { audience: 'guest' })).message).toBe('The code must be a reason code.');
    expect(refusal(() => refusalText(null as never, { audience: 'owner' })).message).toBe('The code must be a reason code.');
    // Text that is not a code is named, whatever it looks like: a guest is never shown a code.
    expect(refusal(() => refusalText('LINK_EXPIRED' as never, { audience: 'guest' })).message).toBe('"LINK_EXPIRED" is not a reason code.');
    expect(refusal(() => refusalText('link_invalid' as never, { audience: 'guest' })).message).toBe('"link_invalid" is not a reason code.');
    expect(refusal(() => refusalText('toString' as never, { audience: 'guest' })).message).toBe('"toString" is not a reason code.');
    expect(refusal(() => refusalText('' as never, { audience: 'guest' })).message).toBe('"" is not a reason code.');
    expect(refusal(() => refusalText('LINK_INVALID', undefined as never)).message).toBe('Options must be an object: { audience, catalogue? }.');
    expect(refusal(() => refusalText('LINK_INVALID', 'guest' as never)).message).toBe('Options must be an object: { audience, catalogue? }.');
    expect(refusal(() => refusalText('LINK_INVALID', null as never)).message).toBe('Options must be an object: { audience, catalogue? }.');
    for (const audience of [undefined, null, 7, 'Guest', 'moderator', 'toString', ['guest'], {}]) {
      expect(refusal(() => refusalText('LINK_INVALID', { audience } as never)).message).toBe("The audience must be 'guest' or 'owner'.");
    }
    expect(refusal(() => refusalText('LINK_INVALID', { audience: 'guest', catalogue: 'fr' as never })).message).toMatch(/^A catalogue needs/);
  });
});

/** Every field a catalogue must hold, as a path into `en`. */
const FIELDS: readonly (readonly string[])[] = [
  ['locale'],
  ['dateLocale'],
  ['dateFormat'],
  ['expiry'],
  ['expiry', 'future'],
  ['expiry', 'past'],
  ['expiry', 'never'],
  ['messages'],
  ['guestRefusals'],
  ['ownerRefusals'],
  ['invite'],
  ['invite', 'invited'],
  ['invite', 'titled'],
  ['invite', 'untitled'],
  ['invite', 'someone'],
  ['invite', 'open'],
  ['invite', 'validity'],
];

/** `en` with the field at `path` set to `value`. */
function withField(path: readonly string[], value: unknown): Catalogue {
  const [head, tail] = [path[0]!, path[1]];
  const record = en as unknown as Record<string, Record<string, unknown>>;
  return { ...en, [head]: tail === undefined ? value : { ...record[head], [tail]: value } } as Catalogue;
}

describe('a catalogue of the host’s own', () => {
  it('is refused, by every function that takes one, when any field is missing or of the wrong kind', () => {
    // Objects given where text belongs and text where an object belongs are refused as surely as null.
    const wrong: unknown[] = [undefined, null, 7, 'text', {}, true];
    for (const path of FIELDS) {
      for (const value of wrong) {
        const isObject = ['dateLocale', 'expiry', 'messages', 'guestRefusals', 'ownerRefusals', 'invite'].includes(path.join('.'));
        if (isObject ? typeof value === 'object' && value !== null : typeof value === 'string') continue;
        const catalogue = withField(path, value);
        const message = 'A catalogue needs locale, dateLocale, dateFormat, expiry, messages, guestRefusals, ownerRefusals and invite, as en has them.';
        expect(refusal(() => formatDate(NOW, { catalogue })).message).toBe(message);
        expect(refusal(() => refusalMessage('GUEST_ACCESS_OFF', catalogue)).message).toBe(message);
        expect(refusal(() => refusalText('GUEST_ACCESS_OFF', { audience: 'guest', catalogue })).message).toBe(message);
        expect(refusal(() => catalogueFor('fr', [en, catalogue])).message).toBe(message);
        expect(refusal(() => createInviteRenderer([en, catalogue])).message).toBe(message);
      }
    }
    expect(refusal(() => formatDate(NOW, { catalogue: null as never })).message).toMatch(/^A catalogue needs/);
    expect(refusal(() => formatDate(NOW, { catalogue: 'fr' as never })).message).toMatch(/^A catalogue needs/);
  });

  it('is refused where a list of catalogues has a hole: nothing in a list stands for the default', () => {
    const message = 'A catalogue needs locale, dateLocale, dateFormat, expiry, messages, guestRefusals, ownerRefusals and invite, as en has them.';
    for (const list of [[undefined], [en, undefined], [en, null], [, en]] as unknown as Catalogue[][]) {
      for (const locale of ['', 'fr', null]) expect(refusal(() => catalogueFor(locale, list)).message).toBe(message);
      expect(refusal(() => createInviteRenderer(list)).message).toBe(message);
    }
  });

  it('may leave codes out of its refusals, as its type says: a partial Spanish one compiles, and what it leaves out is said in English', () => {
    const linkGone: RefusalWords = { text: 'Este enlace ya no funciona.', next: 'Pida uno nuevo a la persona que se lo compartió.' };
    const tooMany: RefusalWords = { text: 'Demasiados intentos en poco tiempo.', next: 'Espere un minuto y vuelva a intentarlo.' };
    // Under --strict, as a host writes it: a few codes in each map, none in the others.
    const es: Catalogue = {
      ...en,
      locale: 'es',
      messages: { LINK_INVALID: 'Este enlace ya no es válido.' },
      guestRefusals: { LINK_INVALID: linkGone },
      ownerRefusals: { RATE_LIMITED: tooMany },
    };
    expectTypeOf<Catalogue['guestRefusals']>().toEqualTypeOf<Readonly<Partial<Record<RefusalCode, RefusalWords>>>>();
    expectTypeOf<Catalogue['ownerRefusals']>().toEqualTypeOf<Catalogue['guestRefusals']>();
    // The maps still hold codes only, and words with both sentences.
    // @ts-expect-error LINK_EXPIRED is not a code
    const misspelt: Catalogue = { ...es, guestRefusals: { LINK_EXPIRED: linkGone } };
    // @ts-expect-error words need what to do next too
    const half: Catalogue = { ...es, guestRefusals: { LINK_INVALID: { text: linkGone.text } } };

    expect(refusalText('LINK_INVALID', { audience: 'guest', catalogue: es })).toEqual({ code: 'LINK_INVALID', ...linkGone });
    expect(refusalText('RATE_LIMITED', { audience: 'owner', catalogue: es })).toEqual({ code: 'RATE_LIMITED', ...tooMany });
    expect(refusalMessage('LINK_INVALID', es)).toBe('Este enlace ya no es válido.');
    // What it leaves out, in English: a reason code, a code of the HTTP layer, a message.
    expect(refusalText('LINK_INVALID', { audience: 'owner', catalogue: es })).toEqual({
      code: 'LINK_INVALID',
      text: 'This link no longer works: it expired, was used up or was deleted.',
      next: 'Make a new guest link and share it.',
    });
    expect(refusalText('RATE_LIMITED', { audience: 'guest', catalogue: es })).toEqual(refusalText('RATE_LIMITED', { audience: 'guest' }));
    expect(refusalText('GUEST_DECLINED', { audience: 'guest', catalogue: es }).text).toBe('A moderator has closed this room to you.');
    expect(refusalMessage('GUEST_ACCESS_OFF', es)).toBe('Guest access to this media is turned off.');
    for (const wrong of [misspelt, half]) {
      expect(refusalText('LINK_INVALID', { audience: 'guest', catalogue: wrong })).toEqual(refusalText('LINK_INVALID', { audience: 'guest' }));
    }
    expect(catalogueFor('es-MX', [en, fr, de, es])).toBe(es);
  });

  it('is taken whole, in any field order, and used for its words', () => {
    const pirate: Catalogue = { ...en, locale: 'en-PIRATE', expiry: { ...en.expiry, never: 'sails forever' } };
    expect(formatExpiry(null, NOW, { catalogue: pirate }).text).toBe('sails forever');
    expect(catalogueFor('EN-pirate', [en, pirate])).toBe(pirate);
  });
});

describe('the catalogue picked for a language', () => {
  const canadian: Catalogue = { ...fr, locale: 'fr-CA' };

  it('is the exact tag first, whatever its case, then the language, then the first given', () => {
    expect(catalogueFor('fr', [en, canadian, fr])).toBe(fr);
    expect(catalogueFor('FR-ca', [en, fr, canadian])).toBe(canadian);
    expect(catalogueFor('fr-BE', [en, canadian, fr])).toBe(canadian);
    expect(catalogueFor('it', [de, fr])).toBe(de);
  });

  it('is the first given when no language is asked for, whatever the tags of the others', () => {
    const untagged: Catalogue = { ...fr, locale: '' };
    for (const none of [null, undefined]) {
      expect(catalogueFor(none, [de, untagged])).toBe(de);
      expect(catalogueFor(none, [])).toBe(en);
    }
  });
});

describe('the invite email', () => {
  const data = {
    to: 'ada@example.org',
    entryTitle: 'Town hall',
    entryType: 'room',
    inviterName: 'Grace',
    role: 'speaker',
    url: 'https://media.example.org/invite/t?a=1&b=2',
    expiresAt: EXPIRES,
    now: NOW,
  };

  it('is written in English by default, word for word, in text and in escaped HTML', async () => {
    const message = await createInviteRenderer()(data);
    expect(message).toEqual({
      subject: 'Grace invited you to "Town hall" as speaker',
      text: [
        'Grace invited you to "Town hall" as speaker.',
        '',
        'Open the invite: https://media.example.org/invite/t?a=1&b=2',
        '',
        'This invite is for ada@example.org only. It expires in 7 days: 7 December 2026, 16:00.',
      ].join('\n'),
      html: [
        '<p>Grace invited you to &quot;Town hall&quot; as speaker.</p>',
        '<p><a href="https://media.example.org/invite/t?a=1&amp;b=2">Open the invite</a></p>',
        '<p>This invite is for ada@example.org only. It expires in 7 days: 7 December 2026, 16:00.</p>',
      ].join('\n'),
    });
  });

  it('names an untitled entry by its type and an unnamed inviter as someone, in the recipient’s language', async () => {
    const message = await createInviteRenderer([en, de])({ ...data, entryTitle: null, inviterName: null, locale: 'de-AT', timeZone: 'Europe/Vienna' });
    expect(message.subject).toBe((await createInviteRenderer([de])({ ...data, entryTitle: null, inviterName: null, timeZone: 'Europe/Vienna' })).subject);
    expect(message.text.split('\n')[0]).toContain('room');
    expect(message.text).toContain('7. Dezember 2026, 17:00');
    const english = await createInviteRenderer()({ ...data, entryTitle: null, inviterName: null });
    expect(english.subject).toBe('Someone invited you to a room as speaker');
  });
});
