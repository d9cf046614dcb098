/**
 * The earlier names keep working, as deprecated aliases, until the next major version: a host
 * written against them runs unchanged.
 */
import { describe, expect, it } from 'vitest';
import {
  createAccessLinks,
  createGuestLinks,
  DEFAULT_GUEST_LINK_RULES,
  DEFAULT_RULES,
  defineGuestLinkRules,
  defineRules,
  normaliseEmail,
  normaliseName,
  normalizeEmail,
  normalizeName,
} from '../src/index';
import { createInviteLinks, createInvites, defineInviteRules } from '../src/invites';
import { createMemoryGuestLinkStore, createMemoryGuestSessionStore, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from '../src/memory';
import { createPostgresGuestLinkStore, createPostgresGuestSessionStore, createPostgresGuestStore } from '../src/postgres';
import { guestLinkStoreConformance, guestSessionStoreConformance, guestStoreConformance } from '../src/testing';
import { claimant, harness, ok, owner } from './harness';

describe('deprecated names', () => {
  it('the guest-link factory and its options of before: createAccessLinks with guestLinks and guestSessions', async () => {
    const { directory, keyRing } = await harness();
    const access = createAccessLinks({
      guestLinks: createMemoryGuestLinkStore(),
      guestSessions: createMemoryGuestSessionStore(),
      directory,
      keyRing,
      guestLinkUrl: (t) => t,
    });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', useLimit: 1 }));
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    expect(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' })).toMatchObject({ code: 'LINK_INVALID' });
  });

  it('the invite factory, its store option and its batch method of before: createInvites({ invites }).invite', async () => {
    const { directory, keyRing } = await harness();
    const mailer = createMemoryMailer();
    const invites = createInvites({ invites: createMemoryInviteStore(), mailer, directory, keyRing, inviteUrl: (t) => t });
    const [ada] = ok(await invites.invite({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (ada?.status !== 'invited') throw new Error('expected an invite');
    ok(await invites.acceptInvite({ token: ada.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect(mailer.outbox()).toHaveLength(1);
  });

  it('rules under their earlier names: guestSessionHours in hours, inviteDays; checked as written', () => {
    expect(defineGuestLinkRules({ guestSessionHours: 2 })).toMatchObject({ ok: true, rules: { guestSessionSeconds: 7200 } });
    expect(defineGuestLinkRules({ guestSessionHours: null })).toMatchObject({ ok: true, rules: { guestSessionSeconds: null } });
    expect(defineGuestLinkRules({ guestSessionHours: 2, guestSessionSeconds: 60 })).toMatchObject({ ok: true, rules: { guestSessionSeconds: 60 } });
    expect(defineGuestLinkRules({ guestSessionHours: 0 })).toMatchObject({ ok: false, problems: [expect.stringContaining('rules.guestSessionHours')] });
    expect(defineInviteRules({ inviteDays: 14 })).toMatchObject({ ok: true, rules: { inviteDurationDays: 14 } });
    expect(defineInviteRules({ inviteDays: 0 })).toMatchObject({ ok: false, problems: [expect.stringContaining('rules.inviteDays')] });
    expect(defineRules({ guestLinkCap: 5 })).toEqual(defineGuestLinkRules({ guestLinkCap: 5 }));
    expect(DEFAULT_RULES).toBe(DEFAULT_GUEST_LINK_RULES);
  });

  it('the aliases are the functions of today', () => {
    for (const value of ['  Ada ', 'bad\nname', '\u200b', 7]) expect(normaliseName(value)).toBe(normalizeName(value));
    for (const value of [' Ada@Example.org ', 'ada@', null]) expect(normaliseEmail(value)).toBe(normalizeEmail(value));
    expect(Object.keys(createMemoryGuestLinkStore().inspect())).toEqual(Object.keys(createMemoryGuestStore().inspect()));
    const factory = async () => ({ store: createMemoryGuestStore() });
    const names = (cases: { name: string }[]) => cases.map((c) => c.name);
    expect(names(guestLinkStoreConformance(factory))).toEqual(names(guestStoreConformance(factory)));
    expect(names(guestSessionStoreConformance(factory))).toEqual(names(guestStoreConformance(factory)));
    expect([createPostgresGuestLinkStore, createPostgresGuestSessionStore].every((f) => typeof f === 'function')).toBe(true);
    expect(typeof createPostgresGuestStore).toBe('function');
    expect(typeof createGuestLinks).toBe('function');
    expect(typeof createInviteLinks).toBe('function');
  });
});
