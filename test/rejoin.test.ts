/**
 * G12, joining twice is one guest: a join from a client that already holds a live session for
 * the same link and the same guest (canonical address) answers that session, with no use spent
 * and its status kept. Back buttons, second tabs and reloads never cost a click.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http';
import { createGuestLinks, createKeyRing, type GuestStore } from '../src/index';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore } from '../src/memory';
import { entries, harness, linkOn, moderator, ok, owner, SECRET, START } from './harness';
import { scheduled, settle } from './scheduling';
import { rejoinCommand, rejoinWorld, runRejoins, SPELLINGS } from './support/rejoin';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';

describe('G12: joining twice is one guest (memory)', () => {
  it('any sequence of joins from one client answers as the model: a held live session of the link and guest is answered again, nothing spent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rejoinCommand(), { maxLength: 25 }), async (commands) => {
        await runRejoins(await rejoinWorld(createMemoryGuestStore()), commands);
      }),
      { numRuns: runs(150) },
    );
  });

  it('one guest joining from one client, in any spelling and any order, spends at most one use of each link', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rejoinCommand([0], [0, 2]).filter((command) => command.kind !== 'leave'), { maxLength: 25 }), async (commands) => {
        const spent = await runRejoins(await rejoinWorld(createMemoryGuestStore()), commands);
        for (const count of spent.values()) expect(count).toBe(1);
      }),
      { numRuns: runs(100) },
    );
  });

  it('a token of another guest, another link, another entry, a dead session or no token at all spends a use as a new join', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 10 });
    const other = await linkOn(access, 'video-1', { name: 'Other' });
    const elsewhere = await linkOn(access, 'video-2');
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const onOther = ok(await access.joinGuestLink({ token: other.token, name: 'Ada', email: 'ada@example.org' }));
    const onVideo2 = ok(await access.joinGuestLink({ token: elsewhere.token, name: 'Ada', email: 'ada@example.org' }));
    const again = (email: string, sessionTokens: string[]) => access.joinGuestLink({ token: link.token, name: 'Ada', email, sessionTokens });
    expect(ok(await again('grace@example.org', [ada.token])).rejoined).toBe(false); // another guest
    expect(ok(await again('ada@example.org', [onOther.token])).rejoined).toBe(false); // another link of the entry
    expect(ok(await again('ada@example.org', [onVideo2.token])).rejoined).toBe(false); // another entry's session
    expect(ok(await again('ada@example.org', ['not a token', `${ada.token.slice(0, -1)}${ada.token.endsWith('A') ? 'E' : 'A'}`])).rejoined).toBe(false); // forged: its last character changed
    expect(ok(await again('ada@example.org', [])).rejoined).toBe(false);
    expect(state().links.find((l) => l.id === link.id)!.uses).toBe(6);
    // Among other tokens, the one of this link and guest is found.
    const found = ok(await again('Ada@Example.org', ['junk', onVideo2.token, ada.token]));
    expect([found.rejoined, found.session.id]).toEqual([true, ada.session.id]);
    expect(state().links.find((l) => l.id === link.id)!.uses).toBe(6);
  });

  it('a session that is no longer live is not answered: declined, expired, or its link switched off', async () => {
    const { access, clock } = await harness({ rules: { guestSessionSeconds: 3600 } });
    const link = await linkOn(access, 'room-1');
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id }));
    const declined = await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: [ada.token] });
    expect(declined.ok ? 'joined' : declined.code).toBe('GUEST_DECLINED');

    const bob = ok(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' }));
    clock.advance(3_600_000);
    const expired = ok(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org', sessionTokens: [bob.token] }));
    expect([expired.rejoined, expired.session.id === bob.session.id]).toEqual([false, false]);

    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }));
    const off = await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org', sessionTokens: [expired.token] });
    expect(off.ok ? 'joined' : off.code).toBe('GUEST_ACCESS_OFF');
  });

  it('refuses sessionTokens that are not a list of at most 20 texts with INVALID_SESSION_TOKENS, and writes nothing', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'video-1');
    for (const sessionTokens of ['a token', [1], Array.from({ length: 21 }, () => 'x'), { 0: 'x' }]) {
      const refused = await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: sessionTokens as never });
      expect(refused.ok ? 'joined' : [refused.code, refused.reasons[0]?.path]).toEqual(['INVALID_SESSION_TOKENS', ['sessionTokens']]);
    }
    expect(state().sessions).toHaveLength(0);
    expect(ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: null })).rejoined).toBe(false);
  });
});

describe('G12 under concurrency', () => {
  it('concurrent rejoins with the held token, beside other guests and a decline, never spend a second use of the guest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        async (s, spellings, others, decline) => {
          const store = createMemoryGuestStore();
          const access = createGuestLinks({
            store: scheduled(s, store as GuestStore),
            directory: scheduled(s, createMemoryEntryDirectory({ entries })),
            keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
            clock: createManualClock(START),
            guestLinkUrl: (token) => token,
          });
          const setup = (async () => {
            ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
            const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L', useLimit: 3 }));
            return { link, ada: ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })) };
          })();
          await settle(s, setup);
          const { link, ada } = await setup;
          const [rejoins, joins] = await settle(
            s,
            Promise.all([
              Promise.all(spellings.map((spelling) => access.joinGuestLink({ token: link.token, name: 'Ada', email: SPELLINGS[0][spelling]!, sessionTokens: [ada.token] }))),
              Promise.all(Array.from({ length: others }, (_, i) => access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` }))),
              decline ? access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id }) : null,
            ]),
          );
          for (const result of rejoins) {
            if (result.ok) expect([result.value.session.id, result.value.rejoined]).toEqual([ada.session.id, true]);
            // Declined meanwhile: refused, for the decline or for the link the others used up.
            else expect([decline, ['GUEST_DECLINED', 'LINK_INVALID'].includes(result.code)]).toEqual([true, true]);
          }
          const { links, sessions } = store.inspect();
          const newGuests = joins.filter((result) => result.ok).length;
          expect(newGuests).toBe(Math.min(others, 2)); // a 3-use link: Ada's one use, and two more
          expect(links[0]!.uses).toBe(1 + newGuests);
          expect(sessions.filter((session) => session.emailKey === 'ada@example.org')).toHaveLength(1);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('G12 through the HTTP layer: Back, a second tab, a reload', () => {
  async function site() {
    const h = await harness();
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => null, clock: h.clock });
    const jar = new Map<string, string>();
    const join = async (token: string, name: string, email: string, form = false) => {
      const headers = new Headers({ origin: ORIGIN });
      if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      headers.set('content-type', form ? 'application/x-www-form-urlencoded' : 'application/json');
      const body = form ? new URLSearchParams({ name, email, next: '/watch' }).toString() : JSON.stringify({ name, email });
      const response = await handler(new Request(`${ORIGIN}/access-links/guest-links/${token}/join`, { method: 'POST', headers, body }));
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        if (/Max-Age=0/.test(line)) jar.delete(pair!.slice(0, at));
        else jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as { session: { id: string; status: string } }) };
    };
    return { ...h, handler, jar, join };
  }

  it('Back after joining, then the form again: the same session, 200, and 1 of 3 uses spent', async () => {
    const { access, state, join } = await site();
    const link = await linkOn(access, 'video-1', { useLimit: 3 });
    const first = await join(link.token, 'Ada', 'ada@example.org');
    expect(first.status).toBe(201);
    const back = await join(link.token, 'Ada', 'Ada@Example.org');
    expect([back.status, back.body?.session.id]).toEqual([200, first.body?.session.id]);
    const byForm = await join(link.token, 'Ada', 'ada+tab@example.org', true);
    expect(byForm.status).toBe(303);
    expect(state().links[0]!.uses).toBe(1);
    expect(state().sessions).toHaveLength(1);
  });

  it('a second tab and a reload, with two entries’ cookies in the jar: each link’s guest is one guest', async () => {
    const { access, state, join, jar } = await site();
    const video = await linkOn(access, 'video-1', { useLimit: 3 });
    const room = await linkOn(access, 'room-1', { useLimit: 3 });
    await join(video.token, 'Ada', 'ada@example.org');
    await join(room.token, 'Ada', 'ada@example.org');
    expect(jar.size).toBe(3); // two sessions and the device cookie
    const tabs = await Promise.all([join(video.token, 'Ada', 'ada@example.org'), join(room.token, 'Ada', 'ADA@example.org'), join(video.token, 'Ada', 'ada@example.org')]);
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200, 200]);
    expect(state().links.map((l) => l.uses)).toEqual([1, 1]);
  });

  it('a waiting guest who joins again still waits, and another guest on the same browser is a new guest', async () => {
    const { access, state, join, handler } = await site();
    const link = await linkOn(access, 'room-1', { useLimit: 3 });
    ok(await access.setRoomLock({ actor: moderator, entryId: 'room-1', locked: true }));
    const first = await join(link.token, 'Ada', 'ada@example.org');
    expect(first.body?.session.status).toBe('waiting');
    ok(await access.setRoomLock({ actor: moderator, entryId: 'room-1', locked: false }));
    const again = await join(link.token, 'Ada', 'ada@example.org');
    expect([again.status, again.body?.session.id, again.body?.session.status]).toEqual([200, first.body?.session.id, 'waiting']);
    const grace = await join(link.token, 'Grace', 'grace@example.org');
    expect([grace.status, grace.body?.session.status]).toEqual([201, 'admitted']);
    expect(state().links[0]!.uses).toBe(2);
    expect(handler).toBeTypeOf('function');
  });

  it('the guest who took the last click of a link joins again: the same session, though the link is used up', async () => {
    const { access, join } = await site();
    const link = await linkOn(access, 'video-1', { useLimit: 1 });
    const first = await join(link.token, 'Ada', 'ada@example.org');
    const again = await join(link.token, 'Ada', 'ada@example.org');
    expect([first.status, again.status, again.body?.session.id]).toEqual([201, 200, first.body?.session.id]);
    expect((await join(link.token, 'Grace', 'grace@example.org')).status).toBe(404); // LINK_INVALID: used up
  });
});
