/**
 * The edges of every check, one by one: the exact text a token signs, the words of every misuse,
 * each input field's bounds and defaults, the helpers' corners. Each test here pins one
 * behaviour that a small change to the code would otherwise alter unnoticed.
 */
import { describe, expect, it } from 'vitest';
import {
  AccessLinksError,
  createGuestLinks,
  createKeyRing,
  DEFAULT_GUEST_LINK_RULES,
  defineGuestLinkRules,
  guestEmailKey,
  normalizeEmail,
  normalizeName,
  type KeyRing,
  type AccessEvent,
} from '../src/index';
import { createInviteLinks, defineInviteRules, deliveryErrorText, escapeHtml, renderInviteMessage } from '../src/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore } from '../src/memory';
import { isRateLimit } from '../src/domain/rate-limit';
import { readEntry } from '../src/domain/entry';
import { defaultGuestAccess } from '../src/domain/guest-access';
import { countsAsPending, isInviteExpired } from '../src/domain/invite';
import { rolesFor, DEFAULT_INVITE_RULES } from '../src/invites';
import { fromBase64Url } from '../src/services/base64url';
import { sha256Base64Url } from '../src/services/digest';
import { recentlyUsed, type KnownLink } from '../src/services/recent';
import { pageOf } from '../src/services/page';
import { keyRingOf, openCursor, signToken, verifyToken } from '../src/services/tokens';
import { inviteAddress } from '../src/services/invites/context';
import { GuestLinksInputSchemas, InviteLinksInputSchemas } from '../src/schemas';
import * as z from 'zod/mini';
import { claimant, DAY, entries, harness, heldSends, inviteHarness, linkOn, moderator, ok, owner, SECRET, writtenEvents } from './harness';

const ID = '01JDQ00000000000000000000A';

/** What a call threw, as [code, message], or null when it did not throw. */
async function thrown(call: () => unknown): Promise<[string, string] | null> {
  try {
    await call();
  } catch (error) {
    return [(error as AccessLinksError).code, (error as Error).message];
  }
  return null;
}

/** A key ring that signs with a fixed MAC and records every text it is asked to sign or verify. */
function recordingRing(keyId = 'k1', overrides: Partial<KeyRing> = {}): KeyRing & { readonly texts: string[] } {
  const texts: string[] = [];
  const decoder = new TextDecoder();
  return {
    texts,
    signingKeyId: () => keyId,
    sign: async (_id, data) => {
      texts.push(decoder.decode(data));
      return new Uint8Array(32).fill(7);
    },
    verify: async (_id, data) => {
      texts.push(decoder.decode(data));
      return true;
    },
    ...overrides,
  };
}

describe('tokens', () => {
  it('sign exactly the text of their version: v1 for links and invites, v2 with the entry for sessions', async () => {
    const ring = recordingRing();
    expect(await signToken(ring, 'guest-link', ID)).toBe(`${ID}.k1.${'BwcH'.repeat(10)}Bwc`);
    await signToken(ring, 'guest-session', ID, 'room-1');
    await verifyToken(ring, 'invite', `${ID}.k1.${'A'.repeat(43)}`);
    expect(ring.texts).toEqual([
      `access-links/guest-link/v1\n${ID}\nk1`,
      `access-links/guest-session/v2\n${ID}\nk1\nroom-1`,
      `access-links/invite/v1\n${ID}\nk1`,
    ]);
  });

  it('are never issued under a key id that is not text, though it would read as one', async () => {
    const ring = recordingRing('k1', { signingKeyId: () => 7 as never });
    expect(await thrown(() => signToken(ring, 'guest-link', ID))).toEqual(['KEY_RING_FAILED', 'The key ring could not sign a token.']);
  });

  it('are never issued under a key id outside the token grammar', async () => {
    const ring = recordingRing('k.1');
    const error = await signToken(ring, 'guest-link', ID).catch((e: AccessLinksError) => e);
    expect([(error as AccessLinksError).code, ((error as Error).cause as Error).message]).toEqual([
      'KEY_RING_FAILED',
      'The signing key id is not 1 to 32 of A-Z a-z 0-9 _ -.',
    ]);
    expect(ring.texts).toEqual([]);
  });

  it('let an AccessLinksError of the key ring through as it is, and wrap a failed verify', async () => {
    const refusing = recordingRing('k1', {
      sign: async () => {
        throw new AccessLinksError('INVALID_KEY', 'no such key');
      },
      verify: async () => {
        throw new Error('boom');
      },
    });
    expect(await thrown(() => signToken(refusing, 'guest-link', ID))).toEqual(['INVALID_KEY', 'no such key']);
    const failed = await verifyToken(refusing, 'guest-link', `${ID}.k1.${'A'.repeat(43)}`).catch((e: AccessLinksError) => e);
    expect([(failed as AccessLinksError).code, (failed as Error).message, ((failed as Error).cause as Error).message]).toEqual([
      'KEY_RING_FAILED',
      'The key ring could not verify a token.',
      'boom',
    ]);
  });

  it('take a whole key ring and nothing less', async () => {
    const fn = () => null;
    for (const half of [{ sign: fn }, { sign: fn, verify: fn }, { verify: fn, signingKeyId: fn }, { sign: fn, signingKeyId: fn }, { signingKey: fn }, { verificationKey: fn }]) {
      expect(await thrown(() => keyRingOf(half as never)), JSON.stringify(Object.keys(half))).toEqual([
        'INVALID_OPTIONS',
        'keyRing must have signingKeyId, sign and verify.',
      ]);
    }
    const whole = recordingRing();
    expect(keyRingOf(whole)).toBe(whole);
  });

});

describe('misuse of the options, in so many words', () => {
  const directory = createMemoryEntryDirectory({ entries });

  it('of createGuestLinks: the store, the options themselves, the URL builder, the rules', async () => {
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const make = (options: object) => () => createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t: string) => t, ...options } as never);
    expect(await thrown(make({ store: null }))).toEqual(['INVALID_OPTIONS', 'Options lack store.']);
    expect(await thrown(make({ store: null, guestLinks: null }))).toEqual(['INVALID_OPTIONS', 'Options lack store.']);
    expect(await thrown(make({ directory: null }))).toEqual(['INVALID_OPTIONS', 'Options lack directory.']);
    expect(await thrown(() => createGuestLinks('options' as never))).toEqual(['INVALID_OPTIONS', 'Options must be an object.']);
    expect(await thrown(make({ rules: { guestLinkCap: -1, maxGuestsPerLink: 0 } }))).toEqual([
      'INVALID_OPTIONS',
      'Invalid rules: rules.guestLinkCap: expected a whole number from 0 to 1000; rules.maxGuestsPerLink: expected a whole number from 1 to 2147483647',
    ]);
    expect(await thrown(make({ store: 'memory' }))).toEqual(['INVALID_OPTIONS', 'Options lack store.']);
    expect(await thrown(make({ directory: 'x' }))).toEqual(['INVALID_OPTIONS', 'Options lack directory.']);
    expect(await thrown(make({ rules: { guestLinkCap: -1 } }))).toEqual(['INVALID_OPTIONS', 'Invalid rules: rules.guestLinkCap: expected a whole number from 0 to 1000']);
    const getter = Object.defineProperty({ store: createMemoryGuestStore(), guestLinkUrl: (t: string) => t, keyRing }, 'directory', {
      get() {
        throw new Error('no');
      },
    });
    const error = (() => {
      try {
        createGuestLinks(getter as never);
      } catch (e) {
        return e as AccessLinksError;
      }
      return null;
    })();
    expect([error?.code, error?.message, (error?.cause as Error).message]).toEqual(['INVALID_OPTIONS', 'The options could not be read.', 'no']);
  });

  it('of createInviteLinks: the URL builder, the mailer, the grants, the rules, and sending without a mailer', async () => {
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const make = (options: object) => () => createInviteLinks({ store: createMemoryInviteStore(), directory, keyRing, inviteUrl: (t: string) => t, ...options } as never);
    expect(await thrown(make({ inviteUrl: 'x' }))).toEqual(['INVALID_OPTIONS', 'inviteUrl must be a function.']);
    expect(await thrown(make({ mailer: null }))).toEqual(['INVALID_OPTIONS', 'mailer must be an object.']);
    expect(await thrown(make({ mailer: 'smtp' }))).toEqual(['INVALID_OPTIONS', 'mailer must be an object.']);
    expect(await thrown(make({ grants: 5 }))).toEqual(['INVALID_OPTIONS', 'grants must be an object.']);
    expect(await thrown(make({ rules: { inviteDurationDays: 0 } }))).toEqual(['INVALID_OPTIONS', 'Invalid rules: rules.inviteDurationDays: expected a whole number from 1 to 3650']);
    expect(await thrown(make({ rules: { inviteDurationDays: 0, pendingInviteCap: -1 } }))).toEqual([
      'INVALID_OPTIONS',
      'Invalid rules: rules.inviteDurationDays: expected a whole number from 1 to 3650; rules.pendingInviteCap: expected a whole number from 0 to 1000000',
    ]);
    expect(await thrown(make({ mailer: undefined, grants: undefined }))).toBeNull();
    const { invites } = await inviteHarness({ withMailer: false });
    expect(await thrown(() => invites.createInvites({ actor: owner, entryId: 'video-1', emails: ['ada@example.org'], role: 'viewer', send: true }))).toEqual([
      'INVALID_OPTIONS',
      'Sending an invite needs a mailer in the options.',
    ]);
  });

  it('of the URL builders: one that throws, one that answers no string', async () => {
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const throwing = () => {
      throw new Error('no URL');
    };
    expect(await thrown(() => inviteAddress({ keyRing, inviteUrl: throwing } as never, ID))).toEqual(['INVALID_OPTIONS', 'inviteUrl threw.']);
    expect(((await inviteAddress({ keyRing, inviteUrl: throwing } as never, ID).catch((e: Error) => e)) as Error).cause).toEqual(new Error('no URL'));
    expect(await thrown(() => inviteAddress({ keyRing, inviteUrl: () => 42 } as never, ID))).toEqual(['INVALID_OPTIONS', 'inviteUrl did not answer a string.']);
    for (const [guestLinkUrl, words] of [
      [throwing, 'guestLinkUrl threw.'],
      [() => 42, 'guestLinkUrl did not answer a string.'],
    ] as const) {
      const { access } = await harness({ options: { guestLinkUrl: guestLinkUrl as never } });
      ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
      expect(await thrown(() => access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' }))).toEqual(['INVALID_OPTIONS', words]);
    }
  });
});

describe('failing ports, in so many words', () => {
  const turnOn = (access: Awaited<ReturnType<typeof harness>>['access']) => access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true });

  it('a clock that throws is CLOCK_FAILED with its cause; the last instant a clock may give is taken', async () => {
    const broken = await harness({
      options: {
        clock: {
          now: () => {
            throw new Error('tick');
          },
        },
      },
    });
    const error = await turnOn(broken.access).catch((e: AccessLinksError) => e);
    expect([(error as AccessLinksError).code, (error as Error).message, ((error as Error).cause as Error).message]).toEqual(['CLOCK_FAILED', 'The clock failed.', 'tick']);
    const last = await harness({ options: { clock: { now: () => 2 ** 48 - 1 } } });
    expect(ok(await turnOn(last.access)).updatedAt).toBe(2 ** 48 - 1);
  });

  it('a store is named in STORAGE_FAILED when it has a name, and its own AccessLinksError goes through', async () => {
    const base = await harness();
    const failing = (name: unknown, error: Error) =>
      new Proxy(base.store, {
        get: (target, key) => (key === 'name' ? name : key === 'updateGuestAccess' ? async () => Promise.reject(error) : Reflect.get(target, key)),
      });
    const cases: [unknown, Error, [string, string]][] = [
      ['pg main', new Error('down'), ['STORAGE_FAILED', 'The store pg main failed.']],
      ['n'.repeat(150), new Error('down'), ['STORAGE_FAILED', `The store ${'n'.repeat(100)} failed.`]],
      [42, new Error('down'), ['STORAGE_FAILED', 'A store failed.']],
      [undefined, new Error('down'), ['STORAGE_FAILED', 'A store failed.']],
      ['pg', new AccessLinksError('INVALID_RECORD', 'too long'), ['INVALID_RECORD', 'too long']],
    ];
    for (const [name, error, expected] of cases) {
      const access = createGuestLinks({ store: failing(name, error), directory: base.directory, keyRing: base.keyRing, guestLinkUrl: (t) => t });
      expect(await thrown(() => turnOn(access)), String(name)).toEqual(expected);
    }
  });

  it('a directory that fails, or answers what cannot be read, is DIRECTORY_FAILED in words that say which', async () => {
    const base = await harness();
    const entry = entries.find((e) => e.id === 'video-1')!;
    const site = { inviteToMediaModule: true, mediaPage: true };
    const unreadable = (value: object, field: string) =>
      Object.defineProperty({ ...value }, field, {
        get() {
          throw new Error('getter');
        },
        enumerable: true,
      });
    const cases: [object, string][] = [
      [{ getEntry: async () => Promise.reject(new Error('down')), getSiteFeatures: async () => site }, 'The entry directory failed.'],
      [{ getEntry: async () => unreadable(entry, 'type'), getSiteFeatures: async () => site }, 'The directory gave an entry that cannot be read for "video-1".'],
      [{ getEntry: async () => ({ ...entry, available: 'yes' }), getSiteFeatures: async () => site }, 'The directory gave a broken entry for "video-1".'],
      [{ getEntry: async () => ({ ...entry, title: 7 }), getSiteFeatures: async () => site }, 'The directory gave a broken entry for "video-1".'],
      [{ getEntry: async () => entry, getSiteFeatures: async () => Promise.reject(new Error('down')) }, 'The entry directory failed.'],
      [{ getEntry: async () => entry, getSiteFeatures: async () => unreadable(site, 'mediaPage') }, 'The directory gave site features that cannot be read.'],
      [{ getEntry: async () => entry, getSiteFeatures: async () => null }, 'The directory gave broken site features.'],
    ];
    for (const [directory, words] of cases) {
      const access = createGuestLinks({ store: base.store, directory: directory as never, keyRing: base.keyRing, guestLinkUrl: (t) => t });
      expect(await thrown(() => turnOn(access)), words).toEqual(['DIRECTORY_FAILED', words]);
      const error = await turnOn(access).catch((e: Error) => e);
      // What failed is kept as the cause, but for a broken answer, which has none.
      expect((error as Error).cause === undefined, words).toBe(words.includes('broken'));
    }
    const titled = createGuestLinks({
      store: base.store,
      directory: { getEntry: async () => ({ ...entry, title: null }) as never, getSiteFeatures: async () => site },
      keyRing: base.keyRing,
      guestLinkUrl: (t) => t,
    });
    ok(await turnOn(titled));
  });

  it('a grant that fails says so, and the invite is pending again', async () => {
    const { invites } = await inviteHarness({
      grants: {
        grant: async () => {
          throw new Error('members down');
        },
        revoke: async () => undefined,
      } as never,
    });
    const [sent] = ok(await invites.createInvites({ actor: owner, entryId: 'video-1', emails: ['ada@example.org'], role: 'viewer' }));
    const token = (sent as { invite: { token: string } }).invite.token;
    expect(await thrown(() => invites.acceptInvite({ token, claimant: claimant('u-ada', 'ada@example.org') }))).toEqual([
      'GRANT_FAILED',
      'Granting the role failed; the invite is pending again.',
    ]);
  });
});

describe('input fields: bounds and defaults', () => {
  it('an actor whose admin flag is not a boolean is INVALID_ACTOR, at the actor', async () => {
    const { access } = await harness();
    const refused = await access.setGuestAccess({ actor: { userId: 'u-owner', admin: 'yes' } as never, entryId: 'video-1', enabled: true });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_ACTOR', reasons: [{ code: 'INVALID_ACTOR', path: ['actor'] }] });
  });

  it('a null client key is no client key; a link id and a session id are each refused under their own code', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1');
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', clientKey: null }));
    expect(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: 'nope' })).toMatchObject({ code: 'INVALID_LINK_ID', reasons: [{ path: ['linkId'] }] });
    expect(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: 'nope' })).toMatchObject({ code: 'INVALID_SESSION_ID', reasons: [{ path: ['sessionId'] }] });
  });

  it('a page size of null is the default, of 1 is one item; a status of null filters nothing', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1');
    for (const n of [1, 2, 3]) ok(await access.joinGuestLink({ token: link.token, name: `G${n}`, email: `g${n}@example.org` }));
    expect(ok(await access.listGuests({ actor: owner, entryId: 'video-1', limit: null, status: null } as never)).items).toHaveLength(3);
    const one = ok(await access.listGuests({ actor: owner, entryId: 'video-1', limit: 1 }));
    expect(one.items).toHaveLength(1);
    expect(ok(await access.listGuests({ actor: owner, entryId: 'video-1', limit: null, cursor: one.next })).items).toHaveLength(2);
    expect(await access.listGuests({ actor: owner, entryId: 'video-1', limit: 0 })).toMatchObject({ code: 'INVALID_LIMIT' });
  });

  it('an invite role is 1 to 64 clean characters; a state filter of null filters nothing, an unknown one is refused', async () => {
    const { invites } = await inviteHarness({ rules: { roleRanks: { viewer: 1, contributor: 2, speaker: 2, moderator: 3, ['r'.repeat(64)]: 1 }, defaultRoles: ['viewer', 'r'.repeat(64)] } });
    ok(await invites.createInvites({ actor: owner, entryId: 'video-1', emails: ['a@example.org'], role: 'r'.repeat(64) }));
    for (const role of ['', 'r'.repeat(65)]) {
      expect(await invites.createInvites({ actor: owner, entryId: 'video-1', emails: ['b@example.org'], role })).toMatchObject({ code: 'INVALID_ROLE' });
    }
    expect(ok(await invites.listInvites({ actor: owner, entryId: 'video-1', state: null } as never)).items).toHaveLength(1);
    expect(await invites.listInvites({ actor: owner, entryId: 'video-1', state: 'lost' as never })).toMatchObject({ code: 'INVALID_STATUS' });
  });

  it('a claimant is a host id, an address of at most 1,024 characters and a boolean', async () => {
    const { invites } = await inviteHarness();
    const [sent] = ok(await invites.createInvites({ actor: owner, entryId: 'video-1', emails: ['ada@example.org'], role: 'viewer' }));
    const token = (sent as { invite: { token: string } }).invite.token;
    const long = `${'a'.repeat(1012)}@example.org`;
    expect(long).toHaveLength(1024);
    expect(await invites.acceptInvite({ token, claimant: claimant('u-ada', long) })).toMatchObject({ code: 'EMAIL_MISMATCH' });
    for (const bad of [claimant('u-ada', `a${long}`), claimant(7 as never, 'ada@example.org'), { userId: 'u-ada', email: 'ada@example.org', emailVerified: 'yes' }]) {
      expect(await invites.acceptInvite({ token, claimant: bad as never })).toMatchObject({ code: 'INVALID_CLAIMANT' });
    }
  });

  it('a language is a tag of at most 35 characters, and null is none', async () => {
    const { invites, mailer } = await inviteHarness();
    const send = (locale: unknown, email: string) => invites.createInvites({ actor: owner, entryId: 'video-1', emails: [email], role: 'viewer', locale: locale as never, timeZone: null as never });
    ok(await send(null, 'a@example.org'));
    ok(await send('en-GB-u-ca-gregory-nu-latn-co-emoji', 'b@example.org'));
    expect(await send('en-US-u-ca-gregory-nu-latn-hc-h23-co-phonebk', 'c@example.org')).toMatchObject({ code: 'INVALID_LOCALE' });
    expect(await send('not a tag', 'c@example.org')).toMatchObject({ code: 'INVALID_LOCALE' });
    expect(mailer.outbox()).toHaveLength(2);
  });
});

describe('rules', () => {
  it('a list item must be text, not merely have a length', () => {
    expect(defineGuestLinkRules({ unsupportedGuestEntryTypes: [['channel']] as never }).ok).toBe(false);
    expect(defineInviteRules({ defaultRoles: [['viewer']] as never }).ok).toBe(false);
    expect(defineInviteRules({ defaultRoles: ['ghost', 'spook'] })).toEqual({
      ok: false,
      problems: ['rules: every role named must have a rank in roleRanks (ghost, spook has none)'],
    });
    expect(isRateLimit(Object.assign(() => 1, { limit: 1, windowSeconds: 1 }))).toBe(false);
  });

  it('an explicit undefined is the default; a list that is no list is refused', () => {
    expect(defineGuestLinkRules({ guestLinkCap: undefined })).toMatchObject({ ok: true, rules: { guestLinkCap: 3 } });
    expect(defineGuestLinkRules({ unsupportedGuestEntryTypes: 'channel' as never })).toEqual({ ok: false, problems: ['rules.unsupportedGuestEntryTypes: expected non-empty entry types'] });
  });

  it('a rule set with a bad value is not also judged as a whole; maps are copied and frozen', () => {
    expect(defineInviteRules({ inviteDurationDays: 0, defaultRoles: ['ghost'] })).toEqual({
      ok: false,
      problems: ['rules.inviteDurationDays: expected a whole number from 1 to 3650'],
    });
    expect(defineInviteRules({ defaultRoles: ['ghost', 'ghost', 'viewer'] })).toEqual({
      ok: false,
      problems: ['rules: every role named must have a rank in roleRanks (ghost has none)'],
    });
    const ranks = { viewer: 1, contributor: 2, speaker: 2, moderator: 3 };
    const defined = defineInviteRules({ roleRanks: ranks });
    ranks.viewer = 9;
    expect(defined.ok && [defined.rules.roleRanks['viewer'], Object.isFrozen(defined.rules.roleRanks)]).toEqual([1, true]);
  });

  it('a rate limit is 1 to 1,000,000 requests in 1 to 86,400 seconds', () => {
    expect(isRateLimit({ limit: 1, windowSeconds: 1 })).toBe(true);
    expect(isRateLimit({ limit: 1_000_000, windowSeconds: 86_400 })).toBe(true);
    for (const bad of [null, 'x', 5, { limit: 1_000_001, windowSeconds: 1 }, { limit: 0, windowSeconds: 1 }, { limit: 1, windowSeconds: 0 }, { limit: 1, windowSeconds: 86_401 }, { limit: 1.5, windowSeconds: 1 }]) {
      expect(isRateLimit(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('text', () => {
  it('a name may carry spaces past its length as long as what is left fits; nothing but invisibles and spaces is no name', () => {
    const padded = `${'a'.repeat(100)}${' '.repeat(300)}`;
    expect(normalizeName(padded)).toBe('a'.repeat(100));
    expect(normalizeName(`${padded} `)).toBeNull();
    expect(normalizeName('\u200b \u200b')).toBeNull();
  });

  it('an address may carry spaces up to four times its length; past that it is refused unread', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(44)}.org`;
    const padded = `${address}${' '.repeat(254 * 4 - address.length)}`;
    expect(normalizeEmail(padded)).toBe(address);
    expect(normalizeEmail(`${padded} `)).toBeNull();
  });

  it('the canonical key keeps a leading plus, folds ß as SS does, and drops invisible characters', () => {
    expect(guestEmailKey('+news@example.org')).toBe('+news@example.org');
    expect(guestEmailKey('straße@example.org')).toBe(guestEmailKey('STRASSE@example.org'));
    expect(guestEmailKey('ad\u00ada@example.org')).toBe('ada@example.org');
    // The domain is compared in its ASCII form: an accent there makes another domain.
    expect(guestEmailKey('ada@exampl\u00e9.org')).toBe('ada@xn--exampl-gva.org');
  });
});

describe('the words of a failed send', () => {
  it('hide a secret of 8 characters and anything token-shaped, keep no leading space, and cut cleanly', () => {
    expect(deliveryErrorText(new Error('refused 12345678 here'), ['12345678'])).toBe('refused [link] here');
    expect(deliveryErrorText(new Error(`saw ${ID}.k1.${'A'.repeat(43)} twice`), [])).toBe('saw [link] twice');
    expect(deliveryErrorText(new Error(`\n${'a'.repeat(300)}`), [])).toBe('a'.repeat(200));
    expect(deliveryErrorText(new Error(`${'a'.repeat(199)} ${'b'.repeat(50)}`), [])).toBe('a'.repeat(199));
    const unprintable = {
      toString() {
        throw new Error('no');
      },
    };
    expect(deliveryErrorText(unprintable, [])).toBe('sending failed');
  });

  it('date the invite in UTC when the zone cannot be used', () => {
    const message = renderInviteMessage({
      to: 'ada@example.org',
      entryTitle: null,
      entryType: 'video',
      inviterName: null,
      role: 'viewer',
      url: 'https://x.example/i',
      expiresAt: Date.UTC(2026, 11, 7, 16, 5),
      timeZone: 'Not/AZone',
    } as never);
    expect(message.text).toContain('works until 2026-12-07 16:05 UTC.');
  });
});

describe('helpers', () => {
  it('the link cache keeps at least one link, and the young half whole', () => {
    const tiny = recentlyUsed<KnownLink>(1);
    tiny.remember('a', { entryId: 'e', name: 'A', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    expect(tiny.get('a')).toEqual({ entryId: 'e', name: 'A', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    const cache = recentlyUsed<KnownLink>(4);
    cache.remember('a', { entryId: 'e', name: 'A', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    cache.remember('b', { entryId: 'e', name: 'B', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    cache.remember('a', { entryId: 'e', name: 'A2', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    cache.remember('c', { entryId: 'e', name: 'C', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    cache.remember('d', { entryId: 'e', name: 'D', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    cache.remember('e', { entryId: 'e', name: 'E', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    // a and b aged out with the first generation; c and d are the old one now, e the young one.
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => cache.get(id)?.name ?? null)).toEqual([null, null, 'C', 'D', 'E']);
    cache.forget('c');
    expect(cache.get('c')).toBeUndefined();
  });

  it('a page says more remain only when the store answered more than the limit', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const binding = { list: 'guests', of: 'video-1', filter: null } as const;
    const [a, b, c] = ['01JDQ00000000000000000000A', '01JDQ00000000000000000000B', '01JDQ00000000000000000000C'];
    const rows = [{ id: a }, { id: b }, { id: c }];
    const two = await pageOf(ring, binding, rows, 2, (r) => r.id);
    expect(two.items).toEqual([a, b]);
    expect(await openCursor(ring, binding, two.next!)).toBe(b);
    expect(await pageOf(ring, binding, rows, 3, (r) => r.id)).toEqual({ items: [a, b, c], next: null });
    expect(await pageOf(ring, binding, rows, 0, (r) => r.id)).toEqual({ items: [], next: null });
  });
});

describe('records and helpers of the domain', () => {
  it('only a pending invite expires; an accepting one counts as pending whatever its expiry', () => {
    expect(isInviteExpired({ state: 'accepted', expiresAt: 1_000 }, 5_000)).toBe(false);
    expect(isInviteExpired({ state: 'pending', expiresAt: 1_000 }, 1_000)).toBe(true);
    expect(isInviteExpired({ state: 'pending', expiresAt: 1_000 }, 999)).toBe(false);
    expect(countsAsPending({ state: 'pending', expiresAt: 1_000 }, 999)).toBe(true);
    expect(countsAsPending({ state: 'pending', expiresAt: 1_000 }, 1_000)).toBe(false);
    expect(countsAsPending({ state: 'accepting', expiresAt: 1_000 }, 5_000)).toBe(true);
    for (const state of ['accepted', 'declined', 'revoked'] as const) expect(countsAsPending({ state, expiresAt: 1_000 }, 0)).toBe(false);
  });

  it('the roles an entry offers come lowest rank first', () => {
    const rules = { ...DEFAULT_INVITE_RULES, rolesByEntryType: { room: ['moderator', 'viewer', 'speaker'] } };
    expect(rolesFor('room', rules)).toEqual(['viewer', 'speaker', 'moderator']);
  });

  it('an entry is read field by field: member roles must be an object of strings, and every list is copied', () => {
    const entry = { id: 'e', type: 'room', ownerId: 'o', available: true, coEditorIds: ['c'], moderatorIds: ['m'], memberRoles: { s: 'speaker' } };
    const read = readEntry(entry, 'e')!;
    expect(read.coEditorIds).not.toBe(entry.coEditorIds);
    expect(read.moderatorIds).not.toBe(entry.moderatorIds);
    expect(read.moderatorIds).toEqual(['m']);
    for (const memberRoles of [5, 'speaker', ['speaker'], { s: 3 }]) expect(readEntry({ ...entry, memberRoles }, 'e'), JSON.stringify(memberRoles)).toBeNull();
  });

  it('an entry nobody set up has guest access off, unlocked, set by nobody', () => {
    expect(defaultGuestAccess('e')).toEqual({ entryId: 'e', enabled: false, roomLocked: false, updatedAt: 0, updatedBy: '' });
  });

  it('base64url refuses any character outside its alphabet, above ASCII too', () => {
    expect(fromBase64Url('AAAA')).toEqual(new Uint8Array(3));
    for (const text of ['\u0080AAA', 'AAA\u00e9', 'A\u4e00AA', 'AA=A']) expect(fromBase64Url(text), text).toBeNull();
  });

  it('the digest of an erased address is the SHA-256 of its versioned text', async () => {
    expect(await sha256Base64Url('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});

describe('guest links at their edges', () => {
  it('the landing page says a waiting room only for a locked room', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    expect(ok(await access.openGuestLink({ token: link.token })).waitingRoom).toBe(false);
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    expect(ok(await access.openGuestLink({ token: link.token })).waitingRoom).toBe(true);
  });

  it('a decline holds on the days after it, through declinedGuestRetentionDays, and lapses past them', async () => {
    const { access, clock } = await harness({ rules: { declinedGuestRetentionDays: 2 } });
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' }));
    ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id }));
    clock.advance(DAY);
    expect(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' })).toMatchObject({ code: 'GUEST_DECLINED' });
    clock.advance(DAY);
    expect(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' })).toMatchObject({ code: 'GUEST_DECLINED' });
    clock.advance(1);
    ok(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' }));
  });

  it('a session the store answers for another entry is SESSION_INVALID', async () => {
    const base = await harness();
    const link = await linkOn(base.access, 'video-1');
    const joined = ok(await base.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const lying = new Proxy(base.store, {
      get: (target, key) =>
        key === 'readSession'
          ? async (id: string) => {
              const found = await target.readSession(id);
              return found && { ...found, session: { ...found.session, entryId: 'video-2' } };
            }
          : Reflect.get(target, key),
    });
    const access = createGuestLinks({ store: lying, directory: base.directory, keyRing: base.keyRing, guestLinkUrl: (t) => t, clock: base.clock });
    expect(await access.checkGuestSession({ token: joined.token, entryId: 'video-1' })).toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('admit all and decline all reach every waiting guest, past one page of the store', async () => {
    const { access } = await harness({ rules: { maxWaitingGuestsPerRoom: 2_000 } });
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    for (let i = 0; i < 1_001; i++) ok(await access.joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` }));
    expect(ok(await access.admitAllGuests({ actor: moderator, entryId: 'room-1' }))).toHaveLength(1_001);
    expect(ok(await access.listGuests({ actor: owner, entryId: 'room-1', status: 'waiting' })).items).toHaveLength(0);
  });

  it('admitting an admitted guest, or declining a declined one, answers it as it is and tells no one', async () => {
    const { access, store } = await harness();
    const events: string[] = [];
    const watched = createGuestLinks({
      store,
      directory: createMemoryEntryDirectory({ entries }),
      keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
      guestLinkUrl: (t) => t,
      outbox: true,
    });
    const link = await linkOn(watched, 'room-1');
    const joined = ok(await watched.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const before = store.outbox.records().length;
    expect(ok(await watched.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id })).status).toBe('admitted');
    ok(await watched.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id }));
    const again = ok(await watched.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id }));
    expect(again.status).toBe('declined');
    events.push(...store.outbox.records().slice(before).map((record) => record.event.type));
    expect(events).toEqual(['guest.declined']);
    void access;
  });

  it('a link past its expiry is listed expired, even once it admitted maxGuestsPerLink guests', async () => {
    const { access, clock } = await harness({ rules: { maxGuestsPerLink: 1 } });
    const link = await linkOn(access, 'video-1', { durationDays: 1 });
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    expect(ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.state).toBe('used_up');
    clock.advance(DAY);
    expect(ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.state).toBe('expired');
  });
});

describe('invites at their edges', () => {
  it('a resend waits resendIntervalSeconds to the second', async () => {
    const h = await inviteHarness({ rules: { resendIntervalSeconds: 60 } });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    const inviteId = (made as { invite: { id: string } }).invite.id;
    h.clock.advance(59_000);
    expect(await h.invites.resendInvite({ actor: owner, entryId: 'video-1', inviteId })).toMatchObject({ code: 'RESEND_TOO_SOON' });
    h.clock.advance(1_000);
    ok(await h.invites.resendInvite({ actor: owner, entryId: 'video-1', inviteId }));
  });

  it('a revoke waits for a send in flight only until deliveryTimeoutSeconds have passed', async () => {
    const held = heldSends();
    const h = await inviteHarness({ rules: { deliveryTimeoutSeconds: 30 }, wrapMailer: held.wrapMailer });
    const inviting = h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const inviteId = h.store.inspect()[0]!.id;
    h.clock.advance(29_000);
    expect(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId })).toMatchObject({ code: 'INVITE_BEING_SENT' });
    h.clock.advance(2_000);
    ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId }));
    held.release();
    await inviting;
  });

  it('a mailer that never answers fails the send after deliveryTimeoutSeconds, in words', async () => {
    const h = await inviteHarness({ rules: { deliveryTimeoutSeconds: 1 }, wrapMailer: () => ({ send: () => new Promise<void>(() => undefined) }) });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect((made as { invite: { deliveryStatus: string; deliveryError: string } }).invite).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'The mailer did not answer within 1 s.',
    });
  });

  it('a mailer error that quotes the signature alone keeps no part of it', async () => {
    const h = await inviteHarness({
      wrapMailer: () => ({
        send: async (message) => {
          const signature = /invite\/[^.\s]+\.[^.\s]+\.([A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
          throw new Error(`rejected ${signature}`);
        },
      }),
    });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect((made as { invite: { deliveryError: string } }).invite.deliveryError).toBe('rejected [link]');
  });

  it('a bad address of a batch is refused at its place in the list; the role of an accepted invite no longer changes', async () => {
    const h = await inviteHarness();
    const outcomes = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org', 'not an address'] }));
    expect(outcomes[1]).toMatchObject({ status: 'refused', reason: { code: 'INVALID_EMAIL', path: ['emails', 1] } });
    const ada = outcomes[0] as { invite: { id: string; token: string } };
    ok(await h.invites.acceptInvite({ token: ada.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect(await h.invites.changeInviteRole({ actor: owner, entryId: 'video-1', inviteId: ada.invite.id, role: 'contributor' })).toMatchObject({
      code: 'INVITE_NOT_PENDING',
    });
  });

  it('re-inviting an address whose acceptance is under way is refused for that address', async () => {
    const h = await inviteHarness({ grants: { grant: () => new Promise<void>(() => undefined) } as never });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    void h.invites.acceptInvite({ token: (made as { invite: { token: string } }).invite.token, claimant: claimant('u-ada', 'ada@example.org') });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [again] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect(again).toMatchObject({ status: 'refused', reason: { code: 'ACCEPTANCE_IN_PROGRESS' } });
  });
});

describe('erasure events', () => {
  it('carry the digest of the versioned key and what was removed', async () => {
    const h = await inviteHarness();
    ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['Ada@Example.org'] }));
    ok(await h.invites.eraseInvitee({ actor: { userId: 'u-admin', admin: true }, email: 'ada@example.org' }));
    const erased = h.events.events().find((e) => e.type === 'invitee.erased')!;
    expect(erased).toMatchObject({ subjectId: await sha256Base64Url('access-links/erased-invitee/v1\nada@example.org'), detail: { invites: 1 } });

    const base = await harness({ options: { outbox: true } });
    const events = { find: (test: (event: AccessEvent) => boolean) => writtenEvents(base.store).events().find(test) };
    const link = await linkOn(base.access, 'video-1');
    ok(await base.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'Ada+x@Example.org' }));
    ok(await base.access.eraseGuest({ actor: { userId: 'u-admin', admin: true }, email: 'ada@example.org' }));
    expect(events.find((e) => e.type === 'guest.erased')).toMatchObject({ subjectId: await sha256Base64Url('access-links/erased-guest/v2\nada@example.org') });
  });
});

describe('more edges', () => {
  it('the link cache moves a link asked for into the young half, and re-remembering a young link keeps the old half', () => {
    const cache = recentlyUsed<KnownLink>(4);
    const remember = (id: string) => cache.remember(id, { entryId: 'e', name: id.toUpperCase(), allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    remember('a');
    remember('b');
    remember('c'); // the young half was full: a and b are the old one now
    expect(cache.get('a')?.name).toBe('A'); // moved into the young half, beside c
    remember('d'); // full again: c and a are the old half; b is forgotten
    expect(['a', 'b', 'c', 'd'].map((id) => cache.get(id)?.name ?? null)).toEqual(['A', null, 'C', 'D']);
    const kept = recentlyUsed<KnownLink>(4);
    const keep = (id: string) => kept.remember(id, { entryId: 'e', name: id.toUpperCase(), allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false });
    keep('x');
    keep('y');
    keep('a'); // old: x, y; young: a
    keep('b'); // young: a, b (full)
    keep('b'); // already young: nothing ages
    expect(kept.get('x')?.name).toBe('X');
  });

  it('a session of a deleted link is kept for its whole lifetime when that is longer than the retention', async () => {
    const { access, clock, state } = await harness({ rules: { finishedSessionRetentionDays: 1, guestSessionSeconds: 3 * 86_400 } });
    const link = await linkOn(access, 'video-1');
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: link.id }));
    clock.advance(2 * DAY);
    ok(await access.sweep());
    expect(state().sessions).toHaveLength(1);
    clock.advance(DAY + 1);
    ok(await access.sweep());
    expect(state().sessions).toHaveLength(0);
  });

  it('the invitee’s own list pages', async () => {
    const h = await inviteHarness();
    for (const entryId of ['video-1', 'video-2']) ok(await h.invites.createInvites({ actor: owner, entryId, role: 'viewer', emails: ['ada@example.org'] }));
    const who = claimant('u-ada', 'ada@example.org');
    const first = ok(await h.invites.listInvitesFor({ claimant: who, limit: 1 }));
    expect(first.items).toHaveLength(1);
    const second = ok(await h.invites.listInvitesFor({ claimant: who, limit: 1, cursor: first.next! }));
    expect([second.items.length, second.next]).toEqual([1, null]);
    expect(ok(await h.invites.listInvitesFor({ claimant: who, limit: 2 })).next).toBeNull();
  });

  it('declining an invite never asks for a grant, even with grants configured', async () => {
    const granted: string[] = [];
    const h = await inviteHarness({ grants: { grant: async (g: { userId: string }) => void granted.push(g.userId) } as never });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] }));
    ok(await h.invites.declineInvite({ token: (made as { invite: { token: string } }).invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect([h.store.inspect()[0]!.state, granted]).toEqual(['declined', []]);
  });

  it('a move another moderator made first is SESSION_CHANGED, and no event says otherwise', async () => {
    const base = await harness();
    const events: string[] = [];
    // Another moderator gets there first, every time: one move answers null, a page move nothing.
    const raced = new Proxy(base.store, {
      get: (target, key) => (key === 'moveSession' ? async () => null : key === 'moveWaiting' ? async () => [] : Reflect.get(target, key)),
    });
    const access = createGuestLinks({
      store: raced,
      directory: base.directory,
      keyRing: base.keyRing,
      guestLinkUrl: (t) => t,
      outbox: true,
    });
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const before = base.store.outbox.records().length;
    expect(await access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id })).toMatchObject({ code: 'SESSION_CHANGED' });
    expect(ok(await access.admitAllGuests({ actor: moderator, entryId: 'room-1' }))).toEqual([]);
    events.push(...base.store.outbox.records().slice(before).map((record) => record.event.type));
    expect(events).toEqual([]);
  });

  it('a send whose invite was revoked meanwhile answers the send as it went', async () => {
    const held = heldSends();
    const h = await inviteHarness({ rules: { deliveryTimeoutSeconds: 30 }, wrapMailer: held.wrapMailer });
    const inviting = h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    h.clock.advance(31_000);
    ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: h.store.inspect()[0]!.id }));
    held.release();
    const [outcome] = ok(await inviting);
    expect((outcome as { invite: { deliveryStatus: string; deliveryError: unknown } }).invite).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
  });

  it('a declined guest at a link that has since expired is told of the link alone', async () => {
    const { access, clock } = await harness();
    const link = await linkOn(access, 'room-1', { durationDays: 1 });
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' }));
    ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: joined.session.id }));
    clock.advance(DAY);
    const refused = await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' });
    expect(refused.ok ? [] : refused.reasons.map((r) => r.code)).toEqual(['LINK_INVALID']);
  });
});

describe('input schemas at their edges', () => {
  const create = { actor: owner, entryId: 'video-1', role: 'viewer', emails: ['ada@example.org'] };
  const valid = (schema: z.ZodMiniType, input: unknown) => z.safeParse(schema, input).success;

  it('take a language tag of up to 35 characters and a real time zone', () => {
    expect(valid(InviteLinksInputSchemas.createInvites, { ...create, locale: 'en-GB-u-ca-gregory-nu-latn-co-emoji', timeZone: 'Europe/Paris' })).toBe(true);
    for (const bad of [{ locale: 'en-US-u-ca-gregory-nu-latn-hc-h23-co-phonebk' }, { locale: 'not a tag' }, { timeZone: 'Not/AZone' }, { timeZone: 'x'.repeat(65) }]) {
      expect(valid(InviteLinksInputSchemas.createInvites, { ...create, ...bad }), JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuse a name with nothing visible and an address with a space, as the operations do', () => {
    const join = { token: 'x', name: 'Ada', email: 'ada@example.org' };
    expect(valid(GuestLinksInputSchemas.joinGuestLink, join)).toBe(true);
    expect(valid(GuestLinksInputSchemas.joinGuestLink, { ...join, name: '\u200b\u3164' })).toBe(false);
    expect(valid(GuestLinksInputSchemas.joinGuestLink, { ...join, email: 'a b@example.org' })).toBe(false);
  });

  it('a role of one character is a role', async () => {
    const { invites } = await inviteHarness({ rules: { roleRanks: { viewer: 1, contributor: 2, speaker: 2, moderator: 3, v: 1 }, defaultRoles: ['viewer', 'v'] } });
    ok(await invites.createInvites({ ...create, role: 'v' }));
  });

  it('a send superseded by a later one answers as it went, and the later one is what the invite keeps', async () => {
    for (const fails of [false, true]) {
      const held = heldSends({ firstOnly: true });
      const h = await inviteHarness({ rules: { deliveryTimeoutSeconds: 30, resendIntervalSeconds: 0 }, wrapMailer: held.wrapMailer });
      const inviting = h.invites.createInvites(create);
      await new Promise((resolve) => setTimeout(resolve, 10));
      h.clock.advance(31_000);
      const inviteId = h.store.inspect()[0]!.id;
      ok(await h.invites.resendInvite({ actor: owner, entryId: 'video-1', inviteId }));
      held.release(fails ? new Error('554 rejected') : undefined);
      const [first] = ok(await inviting);
      expect((first as { invite: { deliveryStatus: string } }).invite.deliveryStatus).toBe(fails ? 'failed' : 'sent');
      expect(h.store.inspect()[0]).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 2 });
    }
  });
});

describe('values fixed when the library loads', () => {
  it('escape every character that means something in HTML, the apostrophe too', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('a token is the whole text: nothing before it, nothing after it', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const token = await signToken(ring, 'guest-link', ID);
    expect(await verifyToken(ring, 'guest-link', token)).toBe(ID);
    for (const padded of [`x${token}`, `${token}x`, ` ${token}`]) expect(await verifyToken(ring, 'guest-link', padded), padded).toBeNull();
  });

  it('an id is a whole ULID, in the operations and in the schemas', async () => {
    const { access } = await harness();
    for (const linkId of [`x${ID}`, `${ID}x`]) {
      expect(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId }), linkId).toMatchObject({ code: 'INVALID_LINK_ID' });
      expect(z.safeParse(InviteLinksInputSchemas.revokeInvite, { actor: owner, entryId: 'video-1', inviteId: linkId }).success, linkId).toBe(false);
    }
    expect(z.safeParse(InviteLinksInputSchemas.revokeInvite, { actor: owner, entryId: 'video-1', inviteId: ID }).success).toBe(true);
  });

  it('an address ends where its domain ends: nothing may follow it', () => {
    expect(normalizeEmail('ada@example.org')).toBe('ada@example.org');
    for (const bad of ['ada@example.org<b>', 'ada@example.org"', 'ada@example.org>x']) expect(normalizeEmail(bad), bad).toBeNull();
  });

  it('every look-alike letter folds to the Latin letter it passes for', () => {
    // i and l are one letter in the key (a capital I is drawn as l, and case folds); the final
    // sigma goes with σ, which Unicode's data draws as o.
    const alike = 'авеёһіїјкмнорстухѕԁԛԝӏɡьпгαβγεηικμνορτυχωϲϳςօսհոցզաıɑʟɩɪȷłøđħ01|';
    const latin = 'abeehlljkmhopctyxsdqwlgbnrabyenlkuvoptuxwcjoouhngqwlallljlodholl';
    expect([...alike].map((c) => guestEmailKey(`a${c}@example.org`).slice(1, -'@example.org'.length)).join('')).toBe(latin);
  });

  it('the default rules are the documented ones', () => {
    expect(DEFAULT_GUEST_LINK_RULES).toEqual({
      guestLinkCap: 3,
      unsupportedGuestEntryTypes: ['channel-room', 'media-gallery-room'],
      waitingRoomEntryTypes: ['room'],
      guestManagers: ['owner', 'co-editor', 'admin'],
      guestSessionSeconds: null,
      finishedSessionRetentionDays: 30,
      declinedGuestRetentionDays: 365,
      activityRetentionDays: 90,
      maxGuestsPerLink: 10_000,
      maxWaitingGuestsPerRoom: 500,
    });
    const roles = ['viewer', 'speaker', 'moderator'];
    expect(DEFAULT_INVITE_RULES).toEqual({
      roleRanks: { viewer: 1, contributor: 2, speaker: 2, moderator: 3 },
      rolesByEntryType: { 'live-event': roles, room: roles, 'channel-room': roles, 'media-gallery-room': roles },
      defaultRoles: ['viewer', 'contributor'],
      inviterRoles: ['moderator'],
      inviteDurationDays: 7,
      maxAddressesPerCall: 100,
      pendingInviteCap: 500,
      resendIntervalSeconds: 60,
      deliveryTimeoutSeconds: 30,
      grantTimeoutSeconds: 60,
      finishedInviteRetentionDays: 90,
    });
  });

  it('the rule checks say what they expected', () => {
    expect(defineInviteRules({ roleRanks: 5 as never })).toEqual({ ok: false, problems: ['rules.roleRanks: expected role names with whole-number ranks'] });
    expect(defineInviteRules({ rolesByEntryType: 5 as never })).toEqual({ ok: false, problems: ['rules.rolesByEntryType: expected entry types with lists of roles'] });
    expect(defineGuestLinkRules({ guestManagers: ['janitor'] as never })).toEqual({ ok: false, problems: ['rules.guestManagers: expected owner, co-editor or admin'] });
  });

  it('an entry the directory no longer knows is unavailable, whatever its site would say', async () => {
    const base = await harness();
    const link = await linkOn(base.access, 'video-1');
    const forgetful = createGuestLinks({
      store: base.store,
      directory: { getEntry: async () => null, getSiteFeatures: async () => ({ inviteToMediaModule: true, mediaPage: true }) },
      keyRing: base.keyRing,
      guestLinkUrl: (t) => t,
    });
    const refused = await forgetful.openGuestLink({ token: link.token });
    expect(refused.ok ? [] : refused.reasons.map((r) => r.code)).toEqual(['ENTRY_UNAVAILABLE']);
  });
});

describe('the words of the input schemas', () => {
  const issue = (schema: z.ZodMiniType, input: unknown) => {
    const parsed = z.safeParse(schema, input);
    return parsed.success ? null : parsed.error.issues[0]!.message;
  };
  const join = { token: 'x', name: 'Ada', email: 'ada@example.org' };
  const create = { actor: owner, entryId: 'video-1', role: 'viewer', emails: [] };

  it('say what each field expected', () => {
    expect(issue(GuestLinksInputSchemas.joinGuestLink, { ...join, name: '\u200b' })).toBe('expected 1 to 100 visible characters, without control or bidirectional characters');
    expect(issue(GuestLinksInputSchemas.joinGuestLink, { ...join, email: 'ada@' })).toBe('expected an email address');
    expect(issue(GuestLinksInputSchemas.setGuestAccess, { actor: owner, entryId: '\u0000', enabled: true })).toBe('expected well-formed text without control characters');
    expect(issue(InviteLinksInputSchemas.createInvites, { ...create, role: 'a\u0000' })).toBe('expected a role name');
    expect(issue(InviteLinksInputSchemas.createInvites, { ...create, locale: 'not a tag' })).toBe('expected a BCP 47 language tag');
    expect(issue(InviteLinksInputSchemas.createInvites, { ...create, timeZone: 'Not/AZone' })).toBe('expected an IANA time zone');
  });
});
