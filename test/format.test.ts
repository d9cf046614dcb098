/** Words a person reads (P1): three languages, two time zones, across a change of daylight saving time. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueFor, createInviteRenderer, de, en, formatDate, formatExpiry, fr, refusalMessage } from '../src/format';
import { REASON_MESSAGES, type ReasonCode } from '../src/index';
import { INVITE_REASON_MESSAGES } from '../src/invites';
import { inviteHarness, ok, owner } from './harness';
import { runs } from './support/runs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('dates and expiry in a language and a time zone', () => {
  it('writes a date in each language, in each zone, on both sides of the change to winter time', () => {
    // 25 October 2026, 01:00 UTC: Europe ends summer time; New York does on 1 November.
    const before = Date.UTC(2026, 9, 24, 16);
    const after = Date.UTC(2026, 9, 26, 16);
    expect(formatDate(before, { timeZone: 'Europe/Paris' })).toBe('24 October 2026, 18:00');
    expect(formatDate(after, { timeZone: 'Europe/Paris' })).toBe('26 October 2026, 17:00');
    expect(formatDate(before, { catalogue: fr, timeZone: 'Europe/Paris' })).toBe('24 octobre 2026, 18:00');
    expect(formatDate(after, { catalogue: de, timeZone: 'Europe/Paris' })).toBe('26. Oktober 2026, 17:00');
    expect(formatDate(after, { timeZone: 'America/New_York' })).toBe('26 October 2026, 12:00');
    expect(formatDate(Date.UTC(2026, 10, 2, 16), { timeZone: 'America/New_York' })).toBe('2 November 2026, 11:00');
    expect(formatDate(after)).toBe('26 October 2026, 16:00');
  });

  it('says an expiry in words: ahead, past, never', () => {
    const now = Date.UTC(2026, 11, 4, 16);
    expect(formatExpiry(now + 3 * DAY, now)).toEqual({ text: 'expires in 3 days', date: '7 December 2026, 16:00', expired: false });
    expect(formatExpiry(now - 2 * HOUR, now, { catalogue: fr, timeZone: 'Europe/Paris' })).toEqual({
      text: 'a expiré il y a 2 heures',
      date: '4 décembre 2026, 15:00',
      expired: true,
    });
    expect(formatExpiry(now + 3 * DAY, now, { catalogue: de }).text).toBe('läuft in 3 Tagen ab');
    expect(formatExpiry(null, now, { catalogue: de })).toEqual({ text: 'läuft nie ab', date: null, expired: false });
    // The arithmetic is in UTC milliseconds: a day across the change of time is still "in 1 day".
    expect(formatExpiry(Date.UTC(2026, 9, 25, 12), Date.UTC(2026, 9, 24, 12), { timeZone: 'Europe/Paris' }).text).toBe('expires in 1 day');
  });

  it('for any instant and zone, the expired flag is the plain comparison, and nothing throws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -400 * DAY, max: 400 * DAY }),
        fc.constantFrom(en, fr, de),
        fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'),
        (now, delta, catalogue, timeZone) => {
          const text = formatExpiry(now + delta, now, { catalogue, timeZone });
          expect(text.expired).toBe(delta <= 0);
          expect(text.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs(500, { pure: true }) },
    );
  });

  it('refuses a time zone that is not one', () => {
    expect(() => formatDate(0, { timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
  });

  it('for any argument, answers text or throws INVALID_ARGUMENT, never another error', () => {
    const anything = fc.oneof(fc.anything(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e20, null, undefined, {}, [], 'fr', en));
    const calls: ((a: unknown, b: unknown) => unknown)[] = [
      (a, b) => formatDate(a as number, b as never),
      (a, b) => formatExpiry(a as number, b as number),
      (a, b) => formatExpiry(Date.UTC(2026, 0, 1), a as number, b as never),
      (a, b) => refusalMessage(a as never, b as never),
      (a, b) => catalogueFor(a as never, b as never),
      (a) => createInviteRenderer(a as never),
      (a) => createInviteRenderer([en, fr])(a as never),
    ];
    fc.assert(
      fc.property(fc.nat(calls.length - 1), anything, anything, (which, a, b) => {
        try {
          calls[which]!(a, b);
        } catch (error) {
          expect((error as { code?: string }).code, String(error)).toBe('INVALID_ARGUMENT');
        }
      }),
      { numRuns: runs(2000, { pure: true }) },
    );
  });
});

describe('refusals in three languages', () => {
  it('has a sentence for every code in French and German, and English for any code a catalogue leaves out', () => {
    const codes = [...Object.keys(REASON_MESSAGES), ...Object.keys(INVITE_REASON_MESSAGES)] as ReasonCode[];
    for (const code of codes) {
      expect(fr.messages[code], code).toBeTruthy();
      expect(de.messages[code], code).toBeTruthy();
      expect(refusalMessage(code)).toBe(en.messages[code]);
    }
    expect(refusalMessage('GUEST_ACCESS_OFF', fr)).toBe('L’accès invité à ce média est désactivé.');
    const mine = { ...en, locale: 'es', messages: { LINK_INVALID: 'Este enlace ya no es válido.' } };
    expect(refusalMessage('LINK_INVALID', mine)).toBe('Este enlace ya no es válido.');
    expect(refusalMessage('GUEST_ACCESS_OFF', mine)).toBe(REASON_MESSAGES.GUEST_ACCESS_OFF);
    expect(catalogueFor('fr-CA', [en, fr, de]).locale).toBe('fr');
    expect(catalogueFor('pt-BR', [en, fr, de]).locale).toBe('en');
  });
});

describe('the invite email in the recipient’s language', () => {
  it('is sent in French with the expiry in words and in Paris time, escaped', async () => {
    const h = await inviteHarness({ renderInvite: createInviteRenderer([en, fr, de]) });
    h.directory.put({ id: 'room-1', type: 'room', title: 'Salle <b>"A"</b>', ownerId: owner.userId, moderatorIds: [], available: true });
    ok(await h.invites.createInvites({ actor: { ...owner, name: 'Grâce' }, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'], locale: 'fr-FR', timeZone: 'Europe/Paris' }));
    const [mail] = h.mailer.outbox();
    expect(mail!.subject).toBe('Grâce vous invite à « Salle <b>"A"</b> » en tant que speaker');
    expect(mail!.text).toContain('Elle expire dans 7 jours : 23 avril 2026, 11:00.');
    expect(mail!.html).toContain('« Salle &lt;b&gt;&quot;A&quot;&lt;/b&gt; »');
    expect(mail!.html).not.toContain('<b>');
  });

  it('the default email shows the date in the recipient’s language and zone, and refuses a bad one', async () => {
    const h = await inviteHarness();
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'], locale: 'de', timeZone: 'America/New_York' }));
    expect(h.mailer.outbox()[0]!.text).toContain('23. April 2026 um 05:00');
    const bad = await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['bob@example.org'], locale: 'not a locale!', timeZone: 'Mars/Olympus' });
    expect(bad.ok ? [] : bad.reasons.map((r) => [r.code, r.path])).toEqual([
      ['INVALID_LOCALE', ['locale']],
      ['INVALID_TIME_ZONE', ['timeZone']],
    ]);
  });
});
