/**
 * One name for each thing: the package has never been published, so the names it had before
 * they were settled are gone rather than kept as aliases, and options under an earlier name are
 * refused as misuse instead of being read.
 */
import { describe, expect, it } from 'vitest';
import * as core from '../src/index';
import * as invites from '../src/invites';
import * as memory from '../src/memory';
import * as postgres from '../src/postgres';
import * as schemas from '../src/schemas';
import * as testing from '../src/testing';
import { createGuestLinks, createKeyRing, defineGuestLinkRules, generateSecret } from '../src/index';
import { createInviteLinks, defineInviteRules } from '../src/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore } from '../src/memory';

const REMOVED: Record<string, readonly [Record<string, unknown>, readonly string[]]> = {
  'access-links': [core, ['createAccessLinks', 'DEFAULT_RULES', 'defineRules', 'normaliseEmail', 'normaliseName']],
  'access-links/invites': [invites, ['createInvites']],
  'access-links/memory': [memory, ['createMemoryGuestLinkStore', 'createMemoryGuestSessionStore']],
  'access-links/postgres': [postgres, ['createPostgresGuestLinkStore', 'createPostgresGuestSessionStore']],
  'access-links/schemas': [schemas, ['RulesSchema']],
  'access-links/testing': [testing, ['guestLinkStoreConformance', 'guestSessionStoreConformance']],
};

describe('names', () => {
  it('no entry point exports a name of before', () => {
    for (const [entry, [module, names]] of Object.entries(REMOVED)) {
      for (const name of names) expect(Object.hasOwn(module, name), `${entry} exports ${name}`).toBe(false);
    }
  });

  it('rules under a name of before are refused as unknown, not converted', () => {
    expect(defineGuestLinkRules({ guestSessionHours: 2 })).toEqual({ ok: false, problems: ['rules: no rule is called guestSessionHours'] });
    expect(defineInviteRules({ inviteDays: 14 })).toEqual({ ok: false, problems: ['rules: no rule is called inviteDays'] });
  });

  it('a store under an option name of before is refused: guestLinks and invites are not store', async () => {
    const directory = createMemoryEntryDirectory({ entries: [] });
    const keyRing = await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] });
    const guestOptions = { guestLinks: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t: string) => t };
    expect(() => createGuestLinks(guestOptions as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message: 'Options lack store.' }));
    const inviteOptions = { invites: createMemoryInviteStore(), directory, keyRing, inviteUrl: (t: string) => t };
    expect(() => createInviteLinks(inviteOptions as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS', message: 'Options lack store.' }));
  });

  it('a key ring of the earlier shape (signingKey, verificationKey) is refused', async () => {
    const legacy = { signingKey: async () => ({ id: 'k', key: {} }), verificationKey: async () => null };
    const options = { store: createMemoryGuestStore(), directory: createMemoryEntryDirectory({ entries: [] }), keyRing: legacy, guestLinkUrl: (t: string) => t };
    expect(() => createGuestLinks(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    const ring = await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] });
    expect('signingKey' in ring || 'verificationKey' in ring).toBe(false);
  });

  it('an invite operations object has one batch method, createInvites', async () => {
    const inviteLinks = createInviteLinks({
      store: createMemoryInviteStore(),
      directory: createMemoryEntryDirectory({ entries: [] }),
      keyRing: await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] }),
      inviteUrl: (t) => t,
    });
    expect(typeof inviteLinks.createInvites).toBe('function');
    expect('invite' in inviteLinks).toBe(false);
  });
});
