/**
 * Broken infrastructure: a failing store, directory, clock or key ring surfaces as an
 * AccessLinksError with the original failure as `cause`, and loses nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessLinksError, createGuestLinks, createKeyRing, defineGuestLinkRules, DEFAULT_GUEST_LINK_RULES, type GuestStore } from '../src/index';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore } from '../src/memory';
import { SECRET, START, entries, harness, linkOn, ok, owner } from './harness';
import { runs } from './support/runs';

/** A store whose methods throw while `failing` names them. */
function flaky<T extends object>(store: T, failing: Set<string>): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        failing.has(String(key)) ? Promise.reject(new Error(`disk on fire in ${String(key)}`)) : value.apply(target, args);
    },
  });
}

async function flakyLibrary() {
  const store = createMemoryGuestStore();
  const failing = new Set<string>();
  const access = createGuestLinks({
    store: flaky<GuestStore>(store, failing),
    directory: createMemoryEntryDirectory({ entries }),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    clock: createManualClock(START),
    guestLinkUrl: (t) => t,
  });
  return { access, store, failing };
}

describe('a failing store', () => {
  it('surfaces as STORAGE_FAILED with the cause kept', async () => {
    const { access, failing } = await flakyLibrary();
    failing.add('getGuestAccess');
    const error = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessLinksError);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED', cause: { message: 'disk on fire in getGuestAccess' } });
  });

  it('a join whose store step fails took no use and stored no session: a 1-use link still admits one guest', async () => {
    const { access, store, failing } = await flakyLibrary();
    const link = await linkOn(access, 'video-1', { useLimit: 1 });
    failing.add('joinGuest');
    await expect(access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
    });
    expect(store.inspect().links[0]!.uses).toBe(0);
    expect(store.inspect().sessions).toEqual([]);
    failing.clear();
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
  });

  it('never loses a use nor counts a session twice, whichever store call fails during joins', async () => {
    const storeMethods = ['readLink', 'joinGuest', 'getGuestAccess'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(storeMethods), { minLength: 1, maxLength: 8 }), async (failures) => {
        const { access, store, failing } = await flakyLibrary();
        const link = await linkOn(access, 'video-1', { useLimit: 3 });
        let joinedCount = 0;
        for (const [i, fail] of failures.entries()) {
          failing.clear();
          for (const method of fail) failing.add(method);
          const result = await access
            .joinGuestLink({ token: link.token, name: 'G', email: `g${i}@example.org` })
            .catch((e: unknown) => e);
          if (result instanceof Error) expect(result).toMatchObject({ code: 'STORAGE_FAILED' });
          else if ((result as { ok: boolean }).ok) joinedCount += 1;
          else expect(result).toMatchObject({ code: 'LINK_INVALID' });
        }
        // Exactly one use per stored session: nothing to give back, nothing lost.
        expect(store.inspect().links[0]!.uses).toBe(store.inspect().sessions.length);
        expect(store.inspect().sessions.length).toBe(joinedCount);
        // The link was made in this process, so a join needs no read of it: only the join step matters.
        expect(joinedCount).toBe(Math.min(3, failures.filter((f) => !f.includes('joinGuest')).length));
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('a failing directory, clock or key ring', () => {
  it('the directory: DIRECTORY_FAILED with the cause', async () => {
    const { access, directory } = await harness();
    directory.getEntry = () => Promise.reject(new Error('directory down'));
    await expect(access.listGuestLinks({ actor: owner, entryId: 'video-1' })).rejects.toMatchObject({
      code: 'DIRECTORY_FAILED',
      cause: { message: 'directory down' },
    });
  });

  it('a directory that answers another entry is caught', async () => {
    const { access, directory } = await harness();
    directory.getEntry = async () => entries[1]!;
    await expect(access.listGuestLinks({ actor: owner, entryId: 'video-1' })).rejects.toMatchObject({ code: 'DIRECTORY_FAILED' });
  });

  it.each([Number.NaN, -1, 2 ** 48, 1.5])('a clock that says %s: CLOCK_FAILED, nothing written', async (instant) => {
    const { access, clock, state } = await harness();
    clock.set(instant);
    await expect(access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true })).rejects.toMatchObject({
      code: 'CLOCK_FAILED',
    });
    expect(state().guestAccess).toEqual([]);
  });

  it('a key ring that throws: KEY_RING_FAILED', async () => {
    const base = await harness();
    const access = createGuestLinks({
      store: base.store,
      directory: base.directory,
      keyRing: { signingKeyId: () => Promise.reject(new Error('hsm offline')), sign: () => new Uint8Array(32), verify: () => false },
      guestLinkUrl: (t) => t,
    });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    await expect(access.listGuestLinks({ actor: owner, entryId: 'video-1' })).resolves.toMatchObject({ ok: true });
    await expect(access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).rejects.toMatchObject({
      code: 'KEY_RING_FAILED',
    });
  });
});

describe('options and rules', () => {
  it('refuses missing ports and bad rules at construction with INVALID_OPTIONS', async () => {
    const { store, directory, keyRing } = await harness();
    const good = { store, directory, keyRing, guestLinkUrl: (t: string) => t };
    expect(() => createGuestLinks({ ...good, store: undefined as never })).toThrow(AccessLinksError);
    expect(() => createGuestLinks({ ...good, guestLinkUrl: 'https://x' as never })).toThrow(/guestLinkUrl/);
    expect(() => createGuestLinks({ ...good, rules: { guestLinkCap: -1 } })).toThrow(/guestLinkCap/);
    expect(() => createGuestLinks({ ...good, rules: { guestLinkCapp: 5 } as never })).toThrow(/guestLinkCapp/);
    expect(() => createGuestLinks({ ...good, rules: { guestManagers: ['owner', 'janitor'] as never } })).toThrow(/guestManagers/);
  });

  it('a cap of 0 means no guest links at all, never the default', async () => {
    const rules = defineGuestLinkRules({ guestLinkCap: 0 });
    expect(rules).toMatchObject({ ok: true, rules: { guestLinkCap: 0 } });
    const { access } = await harness({ rules: { guestLinkCap: 0 } });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    expect(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' })).toMatchObject({
      code: 'GUEST_LINK_CAP_REACHED',
    });
  });

  it('keeps every default that is not overridden', () => {
    expect(defineGuestLinkRules({ guestLinkCap: 5 })).toEqual({ ok: true, rules: { ...DEFAULT_GUEST_LINK_RULES, guestLinkCap: 5 } });
    expect(defineGuestLinkRules()).toEqual({ ok: true, rules: DEFAULT_GUEST_LINK_RULES });
    expect(defineGuestLinkRules(null)).toMatchObject({ ok: false });
  });

  it('makes the unsupported types configuration: channel rooms may be allowed', async () => {
    const { access } = await harness({ rules: { unsupportedGuestEntryTypes: ['media-gallery-room'] } });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'chan-1', enabled: true }));
  });
});
