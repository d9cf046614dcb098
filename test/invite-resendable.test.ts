/**
 * When an invite may be sent again (`resendableAt`): what a UI tells an inviter instead of "too
 * soon", and what a throttled re-invite kept. The instant it gives is the one the store's claim
 * judges by: any resend at or after it sends, any before it is RESEND_TOO_SOON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimant, inviteHarness, ok, owner } from './harness';

const invitee = (outcome: { status: string; invite?: unknown }) => {
  if (outcome.status !== 'invited' && outcome.status !== 're-invited') throw new Error(`expected an invite, got ${outcome.status}`);
  return outcome as { status: 'invited' | 're-invited'; delivery: string; invite: { id: string; role: string; token: string; lastSentAt: number | null; resendableAt: number | null; invitedAt: number } };
};

describe('resendableAt', () => {
  it('is the last send and the resend interval; a resend before it is RESEND_TOO_SOON, one at it sends', async () => {
    const h = await inviteHarness({ rules: { resendIntervalSeconds: 120 } });
    const sentAt = h.clock.now();
    const first = invitee(ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }))[0]!);
    expect(first.invite.lastSentAt).toBe(sentAt);
    expect(first.invite.resendableAt).toBe(sentAt + 120_000);
    h.clock.advance(119_999);
    expect(await h.invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: first.invite.id })).toMatchObject({ ok: false, code: 'RESEND_TOO_SOON' });
    const listed = ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1' })).items[0]!;
    expect(listed.resendableAt).toBe(sentAt + 120_000);
    h.clock.advance(1);
    const resent = ok(await h.invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: first.invite.id }));
    expect(resent.resendableAt).toBe(sentAt + 240_000);
    expect(h.mailer.outbox()).toHaveLength(2);
  });

  it('is the invite’s own making when it was never sent, and null once it is accepted or revoked', async () => {
    const h = await inviteHarness();
    const [kept, gone] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org', 'bob@example.org'], send: false })).map(invitee);
    expect(kept!.invite.resendableAt).toBe(kept!.invite.invitedAt);
    ok(await h.invites.acceptInvite({ token: kept!.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    const revoked = ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: gone!.invite.id }));
    expect(revoked.resendableAt).toBeNull();
    const items = ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1' })).items;
    expect(items.map((i) => [i.state, i.resendableAt])).toEqual([
      ['accepted', null],
      ['revoked', null],
    ]);
  });

  it('tells the inviter of a throttled re-invite when the new role can be mailed: the change is kept, nothing is sent before then', async () => {
    const h = await inviteHarness({ rules: { resendIntervalSeconds: 300 } });
    const at = h.clock.now();
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    h.clock.advance(10_000);
    const again = invitee(ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'moderator', emails: ['ada@example.org'] }))[0]!);
    expect([again.status, again.delivery, again.invite.role]).toEqual(['re-invited', 'throttled', 'moderator']);
    expect(again.invite.resendableAt).toBe(at + 300_000);
    expect(h.mailer.outbox().map((m) => m.subject)).toEqual([expect.stringContaining('speaker')]);
    h.clock.advance(at + 300_000 - h.clock.now());
    ok(await h.invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: again.invite.id }));
    expect(h.mailer.outbox().map((m) => m.subject)).toEqual([expect.stringContaining('speaker'), expect.stringContaining('moderator')]);
  });

  it('for any interval and any wait, a resend sends exactly when the clock has reached resendableAt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3_600 }), fc.array(fc.integer({ min: 0, max: 4_000_000 }), { minLength: 1, maxLength: 6 }), async (interval, waits) => {
        const h = await inviteHarness({ rules: { resendIntervalSeconds: interval } });
        let view = invitee(ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }))[0]!).invite;
        for (const wait of waits) {
          h.clock.advance(wait);
          const due = view.resendableAt !== null && view.resendableAt <= h.clock.now();
          const resent = await h.invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: view.id });
          expect(resent.ok).toBe(due);
          if (resent.ok) view = resent.value;
          else expect(resent.code).toBe('RESEND_TOO_SOON');
        }
      }),
      { numRuns: 60 },
    );
  });
});
