/**
 * Holes an outside review found in the invite side, each closed as a rule of the library: the
 * pending cap on every path, one send however many race, no grant above the actor's rank on
 * any path, nobody told "accepted" before the grant, a batch that never dies half-way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyRing, type KeyRing } from '../src/index';
import { DELIVERY_ERROR_MAX_LENGTH, deliveryErrorText, type InviteStore } from '../src/invites';
import { DAY, SECRET, claimant, heldSends, inviteHarness, ok, owner } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

const speaker = { userId: 'u-speaker' };
const eventMod = { userId: 'u-mod' };

/** Invites the live pending count of which must stay under the cap: pending and unexpired, or being accepted. */
function livePending(store: { inspect(): { state: string; expiresAt: number }[] }, now: number) {
  return store.inspect().filter((i) => i.state === 'accepting' || (i.state === 'pending' && now < i.expiresAt)).length;
}

describe('10. the pending cap holds on every path (I3, I4)', () => {
  it('a re-invite or a resend that revives an expired invite counts against the cap', async () => {
    const { invites, clock, store } = await inviteHarness({ rules: { pendingInviteCap: 1 } });
    const [a] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org'] }));
    clock.advance(8 * DAY);
    const [b] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['b@example.org'] }));
    expect(b).toMatchObject({ status: 'invited' });
    const [again] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org'] }));
    expect(again).toMatchObject({ status: 'refused', reason: { code: 'PENDING_INVITE_CAP_REACHED' } });
    if (a?.status !== 'invited') throw new Error('expected an invite');
    const before = JSON.stringify(store.inspect());
    expect(await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: a.invite.id })).toMatchObject({
      ok: false,
      code: 'PENDING_INVITE_CAP_REACHED',
    });
    expect(JSON.stringify(store.inspect())).toBe(before);
    expect(livePending(store, clock.now())).toBe(1);
  });

  it('for any sequence of invites, re-invites, resends, revokes, accepts and days passing, never more live pending than the cap', async () => {
    // Few addresses and waits that mostly outlast an invite: revivals over a full cap are common.
    const address = fc.constantFrom('a@example.org', 'b@example.org', 'c@example.org');
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant('invite' as const), email: address }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('resend' as const, 'revoke' as const, 'accept' as const), email: address }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), days: fc.constantFrom(1, 3, 8, 8) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 1, 2, 3), fc.array(step, { maxLength: 30 }), async (cap, steps) => {
        const { invites, clock, store } = await inviteHarness({ rules: { pendingInviteCap: cap, resendIntervalSeconds: 0 } });
        const ids = new Map<string, { id: string; token: string }>();
        for (const s of steps) {
          if (s.op === 'wait') clock.advance(s.days * DAY);
          else if (s.op === 'invite') {
            const [outcome] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: [s.email] }));
            if (outcome?.status === 'invited' || outcome?.status === 're-invited') ids.set(s.email, outcome.invite);
          } else {
            const known = ids.get(s.email);
            if (!known) continue;
            if (s.op === 'resend') await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: known.id });
            if (s.op === 'revoke') await invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: known.id });
            if (s.op === 'accept') await invites.acceptInvite({ token: known.token, claimant: claimant(`u-${s.email}`, s.email) });
          }
          expect(livePending(store, clock.now())).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('11. one send, however many race (I3, I4)', () => {
  it('ten concurrent resends after the interval send one email', async () => {
    const { invites, mailer, clock } = await inviteHarness();
    const [ada] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (ada?.status !== 'invited') throw new Error('expected an invite');
    clock.advance(61_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: ada.invite.id })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.code).toBe('RESEND_TOO_SOON');
    expect(mailer.outbox()).toHaveLength(2);
  });

  it('ten concurrent re-invites of a pending address send one email', async () => {
    const { invites, mailer, clock } = await inviteHarness();
    ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    clock.advance(61_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] })),
    );
    const deliveries = results.map((r) => {
      const [outcome] = ok(r);
      return outcome?.status === 're-invited' ? outcome.delivery : outcome?.status;
    });
    expect(deliveries.filter((d) => d === 'sent')).toHaveLength(1);
    expect(deliveries.filter((d) => d === 'throttled')).toHaveLength(9);
    expect(mailer.outbox()).toHaveLength(2);
  });

  it('a resend racing a revoke never mails a revoked invite, in any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 3 }), async (s, resends) => {
        const log: string[] = [];
        const logged = (store: InviteStore): InviteStore => ({
          ...store,
          finishInvite: async (id, transition) => {
            const done = await store.finishInvite(id, transition);
            if (done?.state === 'revoked') log.push('revoked');
            return done;
          },
        });
        const h = await inviteHarness({
          wrapStore: (store) => scheduled(s, logged(store)),
          wrapMailer: (mailer) => ({
            send: async (message) => {
              log.push('send-start');
              await s.schedule(Promise.resolve(), 'mail in flight');
              await mailer.send(message);
              log.push('send-end');
            },
          }),
          rules: { resendIntervalSeconds: 0 },
        });
        const invited = h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'], send: false });
        const [ada] = ok(await settle(s, invited));
        if (ada?.status !== 'invited') throw new Error('expected an invite');
        const calls = [
          ...Array.from({ length: resends }, () => h.invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: ada.invite.id })),
          h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: ada.invite.id }),
        ];
        const results = await settle(s, Promise.all(calls));
        const revokedAt = log.indexOf('revoked');
        if (revokedAt >= 0) {
          // Nothing starts after the revoke, and the revoke never lands while a message is in flight.
          expect(log.slice(revokedAt)).toEqual(['revoked']);
          expect(log.filter((e) => e === 'send-start').length).toBe(log.filter((e) => e === 'send-end').length);
        }
        const revoke = results[results.length - 1]!;
        if (!revoke.ok) expect(revoke.code).toBe('INVITE_BEING_SENT');
        else expect(revokedAt).toBeGreaterThanOrEqual(0);
        // One message in flight at a time.
        let inFlight = 0;
        for (const e of log) {
          inFlight += e === 'send-start' ? 1 : e === 'send-end' ? -1 : 0;
          expect(inFlight).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('a revoke while a message is in flight says so, and works once the send is done', async () => {
    const held = heldSends();
    const h = await inviteHarness({ wrapMailer: held.wrapMailer });
    const inviting = h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [stored] = h.store.inspect();
    expect(stored?.deliveryStatus).toBe('sending');
    expect(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: stored!.id })).toMatchObject({ code: 'INVITE_BEING_SENT' });
    held.release();
    await inviting;
    ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: stored!.id }));
  });
});

describe('12. an inviter never grants above its rank, on any path (I2)', () => {
  const rules = { inviterRoles: ['moderator', 'speaker'] };

  it('resend, re-invite, role change and revoke of an invite above the actor’s rank are refused with the rank reason', async () => {
    const { invites, clock, store } = await inviteHarness({ rules });
    const [mod] = ok(await invites.createInvites({ actor: owner, entryId: 'event-1', role: 'moderator', emails: ['ada@example.org'] }));
    if (mod?.status !== 'invited') throw new Error('expected an invite');
    clock.advance(8 * DAY);
    const before = JSON.stringify(store.inspect());
    const id = mod.invite.id;
    for (const call of [
      invites.resendInvite({ actor: speaker, entryId: 'event-1', inviteId: id }),
      invites.changeInviteRole({ actor: speaker, entryId: 'event-1', inviteId: id, role: 'viewer' }),
      invites.revokeInvite({ actor: speaker, entryId: 'event-1', inviteId: id }),
    ]) {
      expect(await call).toMatchObject({ ok: false, code: 'ROLE_ABOVE_INVITER' });
    }
    const [reinvite] = ok(await invites.createInvites({ actor: speaker, entryId: 'event-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect(reinvite).toMatchObject({ status: 'refused', reason: { code: 'ROLE_ABOVE_INVITER' } });
    expect(JSON.stringify(store.inspect())).toBe(before);
    // The invitee is never granted the role through the speaker.
    expect((await invites.acceptInvite({ token: mod.invite.token, claimant: claimant('u-ada', 'ada@example.org') })).ok).toBe(false);
  });

  it('a speaker may raise a pending invite only up to speaker; a moderator member up to moderator', async () => {
    const { invites } = await inviteHarness({ rules });
    const [viewer] = ok(await invites.createInvites({ actor: speaker, entryId: 'event-1', role: 'viewer', emails: ['v@example.org'] }));
    if (viewer?.status !== 'invited') throw new Error('expected an invite');
    const id = viewer.invite.id;
    expect(await invites.changeInviteRole({ actor: speaker, entryId: 'event-1', inviteId: id, role: 'moderator' })).toMatchObject({
      code: 'ROLE_ABOVE_INVITER',
    });
    ok(await invites.changeInviteRole({ actor: speaker, entryId: 'event-1', inviteId: id, role: 'speaker' }));
    ok(await invites.changeInviteRole({ actor: eventMod, entryId: 'event-1', inviteId: id, role: 'moderator' }));
    expect(await invites.resendInvite({ actor: speaker, entryId: 'event-1', inviteId: id })).toMatchObject({ code: 'ROLE_ABOVE_INVITER' });
  });
});

describe('13. nobody is told "accepted" before the grant is applied (I5)', () => {
  it('while the first accept’s grant runs, later accepts are told ACCEPTANCE_IN_PROGRESS; a failed grant leaves it pending', async () => {
    let release: (fail: boolean) => void = () => undefined;
    let calls = 0;
    const h = await inviteHarness({
      grants: {
        grant: async () => {
          calls += 1;
          const fail = await new Promise<boolean>((resolve) => (release = resolve));
          if (fail) throw new Error('membership service down');
        },
      },
    });
    const [ada] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    if (ada?.status !== 'invited') throw new Error('expected an invite');
    const who = claimant('u-ada', 'ada@example.org');
    const first = h.invites.acceptInvite({ token: ada.invite.token, claimant: who });
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    for (const later of [
      await h.invites.acceptInvite({ token: ada.invite.token, claimant: who }),
      await h.invites.declineInvite({ token: ada.invite.token, claimant: who }),
      await h.invites.openInvite({ token: ada.invite.token }),
    ]) {
      expect(later).toMatchObject({ ok: false, code: 'ACCEPTANCE_IN_PROGRESS' });
    }
    expect(ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1' })).items[0]!.state).toBe('accepting');
    release(true);
    await expect(first).rejects.toMatchObject({ code: 'GRANT_FAILED', cause: { message: 'membership service down' } });
    expect(h.store.inspect()[0]).toMatchObject({ state: 'pending', acceptedBy: null });
    expect(h.events.events().filter((e) => e.type === 'invite.accepted')).toEqual([]);

    const second = h.invites.acceptInvite({ token: ada.invite.token, claimant: who });
    while (calls === 1) await new Promise((resolve) => setTimeout(resolve, 1));
    release(false);
    expect(ok(await second)).toMatchObject({ userId: 'u-ada', role: 'speaker' });
    expect(h.store.inspect()[0]).toMatchObject({ state: 'accepted', acceptedBy: 'u-ada' });
    expect(ok(await h.invites.acceptInvite({ token: ada.invite.token, claimant: who }))).toMatchObject({ role: 'speaker' });
    expect(calls).toBe(2);
  });

  it('an acceptance whose grant never answered may be taken over by the same user after grantTimeoutSeconds', async () => {
    let calls = 0;
    const h = await inviteHarness({
      grants: {
        grant: async () => {
          calls += 1;
          if (calls === 1) await new Promise(() => undefined); // a process that died mid-grant
        },
      },
    });
    const [ada] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    if (ada?.status !== 'invited') throw new Error('expected an invite');
    const who = claimant('u-ada', 'ada@example.org');
    void h.invites.acceptInvite({ token: ada.invite.token, claimant: who });
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await h.invites.acceptInvite({ token: ada.invite.token, claimant: who })).toMatchObject({ code: 'ACCEPTANCE_IN_PROGRESS' });
    expect(await h.invites.acceptInvite({ token: ada.invite.token, claimant: claimant('u-eve', 'ada@example.org') })).toMatchObject({
      code: 'ACCEPTANCE_IN_PROGRESS',
    });
    // Not at the timeout itself, only past it; and only by the same user, only to accept.
    h.clock.advance(60_000);
    expect(await h.invites.acceptInvite({ token: ada.invite.token, claimant: who })).toMatchObject({ code: 'ACCEPTANCE_IN_PROGRESS' });
    h.clock.advance(1_000);
    expect(await h.invites.acceptInvite({ token: ada.invite.token, claimant: claimant('u-eve', 'ada@example.org') })).toMatchObject({
      code: 'ACCEPTANCE_IN_PROGRESS',
    });
    expect(await h.invites.declineInvite({ token: ada.invite.token, claimant: who })).toMatchObject({ code: 'ACCEPTANCE_IN_PROGRESS' });
    expect(ok(await h.invites.acceptInvite({ token: ada.invite.token, claimant: who }))).toMatchObject({ userId: 'u-ada' });
    expect(h.store.inspect()[0]!.state).toBe('accepted');
  });
});

describe('14. a batch never dies half-way (I4)', () => {
  it('a mailer error is stored as a short, clean line with no token or URL in it', async () => {
    let url = '';
    const h = await inviteHarness({
      wrapMailer: () => ({
        send: async (message) => {
          url = /https:\/\/\S+/.exec(message.text)![0];
          throw new Error(`550\u0000 rejected\r\n${url} token=${url.split('/').pop()} ${'x'.repeat(10_000)}\u{1F600}`);
        },
      }),
    });
    const outcomes = ok(
      await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org', 'b@example.org', 'c@example.org'] }),
    );
    expect(outcomes.map((o) => (o.status === 'invited' ? o.delivery : o.status))).toEqual(['failed', 'failed', 'failed']);
    for (const invite of h.store.inspect()) {
      const error = invite.deliveryError!;
      expect(error.startsWith('550 rejected [link] token=[link] xxx')).toBe(true);
      expect([...error].length).toBeLessThanOrEqual(DELIVERY_ERROR_MAX_LENGTH);
      expect(error).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(error).not.toContain(url.split('/').pop()!.split('.')[2]!);
    }
  });

  it('for any failure text and any secrets, the kept text is bounded, clean, never empty and free of the secrets', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.anything()), fc.array(fc.string({ minLength: 8, unit: 'grapheme' }), { maxLength: 3 }), (failure, secrets) => {
        const thrown = typeof failure === 'string' ? new Error(`${secrets.join(' ')} ${failure} ${secrets.join('')}`) : failure;
        const text = deliveryErrorText(thrown, secrets);
        expect(text.length).toBeGreaterThan(0);
        expect([...text].length).toBeLessThanOrEqual(DELIVERY_ERROR_MAX_LENGTH);
        expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(text).not.toMatch(/\p{Cs}/u);
        for (const secret of secrets) if (!/\s/.test(secret) && secret.trim() === secret) expect(text.includes(secret) && secret.length >= 8).toBe(false);
      }),
      { numRuns: runs(500) },
    );
  });

  it('a failed send keeps no address in the invite’s error or its event, so erasing the invitee leaves none behind', async () => {
    const h = await inviteHarness();
    h.mailer.failWhen(() => true);
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['Bounce.Me+x@example.org'] }));
    expect(made).toMatchObject({ status: 'invited', delivery: 'failed' });
    const failed = h.events.events().filter((event) => event.type === 'invite.delivery_failed');
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed)).not.toMatch(/bounce\.me/iu);
    expect(failed[0]!.detail).toMatchObject({ error: 'Delivery to [address] failed' });
    expect(deliveryErrorText(new Error('550 5.1.1 <ada@example.org>: Recipient address rejected; cc bob.smith@mail.example.co.uk'), [])).toBe(
      '550 5.1.1 <[address]>: Recipient address rejected; cc [address]',
    );
  });

  it('a store that fails for one address answers it with its error, and the rest of the batch goes on', async () => {
    const h = await inviteHarness({
      wrapStore: (store) => ({
        ...store,
        insertInvite: async (invite, cap, now) => {
          if (invite.email === 'broken@example.org') throw new Error('disk on fire');
          return store.insertInvite(invite, cap, now);
        },
      }),
    });
    const outcomes = ok(
      await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org', 'broken@example.org', 'c@example.org'] }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['invited', 'error', 'invited']);
    expect(outcomes[1]).toMatchObject({ input: 'broken@example.org', code: 'STORAGE_FAILED' });
    expect(h.mailer.outbox().map((m) => m.to)).toEqual(['a@example.org', 'c@example.org']);
  });

  it('a key ring that fails stores no invite for the address it failed on', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    let failing = true;
    const keyRing: KeyRing = {
      signingKeyId: () => ring.signingKeyId(),
      sign: (id, data) => (failing ? Promise.reject(new Error('hsm offline')) : ring.sign(id, data)),
      verify: (id, data, mac) => ring.verify(id, data, mac),
    };
    const h = await inviteHarness({ keyRing });
    const outcomes = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org', 'b@example.org'] }));
    expect(outcomes.map((o) => (o.status === 'error' ? o.code : o.status))).toEqual(['KEY_RING_FAILED', 'KEY_RING_FAILED']);
    expect(h.store.inspect()).toEqual([]);
    failing = false;
    expect(ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org'] })).map((o) => o.status)).toEqual(['invited']);
  });
});
