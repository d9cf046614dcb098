/**
 * Invite rules as properties: races on one invite, batches of any addresses, concurrent
 * batches under the pending limit, fuzzed messages, and a mailer that fails at random.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyRing, normalizeName } from '../src/index';
import { createInviteLinks, escapeHtml, headerText, renderInviteMessage, type Grant } from '../src/invites';
import { createManualClock, createMemoryEntryDirectory, createMemoryInviteStore, createMemoryMailer } from '../src/memory';
import { DAY, SECRET, START, claimant, entries, inviteHarness, ok, owner } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

async function scheduledInvites(s: fc.Scheduler, rules: { pendingInviteCap?: number } = {}) {
  const store = createMemoryInviteStore();
  const grants: Grant[] = [];
  const invites = createInviteLinks({
    store: scheduled(s, store),
    mailer: scheduled(s, createMemoryMailer()),
    grants: scheduled(s, { grant: async (grant: Grant) => void grants.push(grant) }),
    directory: scheduled(s, createMemoryEntryDirectory({ entries })),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    clock: createManualClock(START),
    inviteUrl: (token) => token,
    rules: { resendIntervalSeconds: 0, ...rules },
  });
  return { invites, store, grants };
}

/** How many live invites (pending, expired or not, or accepted) each address has. */
function liveByAddress(store: ReturnType<typeof createMemoryInviteStore>) {
  const live = new Map<string, number>();
  for (const invite of store.inspect()) {
    if (invite.state === 'accepted' || invite.state === 'pending') {
      live.set(`${invite.entryId} ${invite.emailKey}`, (live.get(`${invite.entryId} ${invite.emailKey}`) ?? 0) + 1);
    }
  }
  return live;
}

describe('I3: racing accepts, declines, revokes and resends on one invite', () => {
  it('at most one final state wins, every success agrees with it, and at most one grant exists', async () => {
    const move = fc.constantFrom('accept-ada', 'accept-ada', 'accept-other-account', 'decline', 'revoke', 'resend');
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(move, { minLength: 2, maxLength: 7 }), async (s, moves) => {
        const { invites, store, grants } = await scheduledInvites(s);
        const made = invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] });
        const [outcome] = ok(await settle(s, made));
        if (outcome?.status !== 'invited') throw new Error('expected an invite');
        const { token, id } = outcome.invite;

        const calls = moves.map((m) => {
          switch (m) {
            case 'accept-ada':
              return invites.acceptInvite({ token, claimant: claimant('u-ada', 'ada@example.org') });
            case 'accept-other-account':
              return invites.acceptInvite({ token, claimant: claimant('u-ada-2', 'ADA@example.org') });
            case 'decline':
              return invites.declineInvite({ token, claimant: claimant('u-ada', 'ada@example.org') });
            case 'revoke':
              return invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: id });
            case 'resend':
              return invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: id });
          }
        });
        const results = await settle(s, Promise.all(calls));
        const final = store.inspect()[0]!;
        const succeeded = (kind: string) => moves.filter((m, i) => m.startsWith(kind) && results[i]!.ok);

        expect(grants.length).toBeLessThanOrEqual(1);
        if (final.state === 'accepted') {
          expect(grants).toEqual([expect.objectContaining({ inviteId: id, userId: final.acceptedBy })]);
          for (const [i, m] of moves.entries()) {
            const r = results[i]!;
            if (m.startsWith('accept') && r.ok) expect(r.value).toMatchObject({ userId: final.acceptedBy });
          }
          expect(succeeded('decline')).toEqual([]);
          expect(succeeded('revoke')).toEqual([]);
        } else {
          expect(grants).toEqual([]);
          expect(succeeded('accept')).toEqual([]);
          if (final.state === 'declined') expect(succeeded('revoke')).toEqual([]);
          if (final.state === 'revoked') expect([succeeded('revoke').length, succeeded('decline').length]).toEqual([1, 0]);
          if (final.state === 'pending') expect([...succeeded('revoke'), ...succeeded('decline')]).toEqual([]);
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('I5: an expired or revoked invite is never accepted', () => {
  it('for any time after the invite and any revocation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 * DAY }), fc.boolean(), async (later, revoke) => {
        const { invites, clock } = await inviteHarness();
        const [outcome] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
        if (outcome?.status !== 'invited') throw new Error('expected an invite');
        if (revoke) ok(await invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: outcome.invite.id }));
        clock.advance(later);
        const result = await invites.acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada', 'ada@example.org') });
        expect(result.ok).toBe(!revoke && later < 7 * DAY);
        if (!result.ok) expect(result.code).toBe(revoke ? 'INVITE_REVOKED' : 'INVITE_EXPIRED');
      }),
      { numRuns: runs(100) },
    );
  });
});

const pool = ['ada@example.org', 'bob@example.org', 'cy@example.org', 'di@example.org'];
const address = fc.oneof(
  fc.constantFrom(...pool),
  fc.constantFrom(...pool).chain((a) => fc.constantFrom(a.toUpperCase(), ` ${a} `, a[0]!.toUpperCase() + a.slice(1))),
  fc.string({ maxLength: 12 }),
  fc.anything(),
);

describe('I4: batches of any addresses', () => {
  it('answer each input in order, and no address ever has two live invites', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(address, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        const { invites, store, clock } = await inviteHarness();
        for (const emails of batches) {
          const outcomes = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: emails as string[], send: false }));
          expect(outcomes.map((o) => o.input)).toEqual(emails);
          const seen = new Set<string>();
          for (const o of outcomes) {
            expect(o.status).not.toBe('error');
            if (o.status === 'refused' && o.reason.code !== 'DUPLICATE_ADDRESS') expect(o.reason.code).toBe('INVALID_EMAIL');
            if (o.status !== 'refused' && o.status !== 'error') {
              expect(seen.has(o.invite.email.toLowerCase())).toBe(false);
              seen.add(o.invite.email.toLowerCase());
            }
          }
          clock.advance(DAY);
        }
        for (const count of liveByAddress(store).values()) expect(count).toBe(1);
      }),
      { numRuns: runs(150) },
    );
  });

  it('concurrent batches never pass the pending limit, nor give an address two live invites', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.subarray(pool, { minLength: 1 }), { minLength: 2, maxLength: 3 }),
        async (s, cap, batches) => {
          const { invites, store } = await scheduledInvites(s, { pendingInviteCap: cap });
          const calls = batches.map((emails) => invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails, send: false }));
          const results = await settle(s, Promise.all(calls));
          const pending = store.inspect().filter((i) => i.state === 'pending');
          expect(pending.length).toBeLessThanOrEqual(cap);
          for (const count of liveByAddress(store).values()) expect(count).toBe(1);
          for (const r of results) {
            for (const o of ok(r)) if (o.status === 'refused') expect(['PENDING_INVITE_CAP_REACHED', 'INVITE_CHANGED']).toContain(o.reason.code);
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('S3: the invite message', () => {
  it('for any name, title, role and address, the HTML carries no markup from them and no header a line break', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(text, fc.option(text, { nil: null }), fc.option(text, { nil: null }), text, (role, title, name, to) => {
        const message = renderInviteMessage({
          to,
          entryTitle: title,
          entryType: 'room',
          inviterName: name,
          role,
          url: 'https://media.example.org/invite/t',
          expiresAt: START,
        });
        const withoutOurTags = message.html.replace(/<\/?(p|strong)>|<a href="https:\/\/media\.example\.org\/invite\/t">|<\/a>/g, '');
        expect(withoutOurTags).not.toMatch(/[<>]/);
        expect(message.subject).not.toMatch(/[\r\n]/);
        for (const value of [role, title, name, to]) if (value) expect(message.html).toContain(escapeHtml(value));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('escapeHtml and headerText leave nothing to interpret', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(escapeHtml(value)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
        expect(headerText(value)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('through the whole flow: a fuzzed inviter name never reaches a header or the HTML raw', async () => {
    // Every name drawn holds markup, and often line breaks, invisible or bidirectional characters.
    const piece = fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", '<script>', '</p>', '\r\n', '\u202e', '\u200b'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    );
    const markup = fc.constantFrom('<', '>', '&', '"', "'");
    const name = fc.tuple(fc.array(piece, { maxLength: 4 }), markup, fc.array(piece, { maxLength: 4 })).map(([a, m, b]) => `Ada ${a.join('')}${m}${b.join('')}`);
    await fc.assert(
      fc.asyncProperty(name, async (raw) => {
        const { invites, mailer } = await inviteHarness();
        const result = await invites.createInvites({ actor: { ...owner, name: raw }, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] });
        const normalized = normalizeName(raw);
        if (normalized === null) {
          expect(result).toMatchObject({ ok: false, code: 'INVALID_ACTOR' });
          expect(mailer.outbox()).toEqual([]);
          return;
        }
        const [outcome] = ok(result);
        if (outcome?.status !== 'invited') throw new Error('expected an invite');
        const [message] = mailer.outbox();
        expect(message!.subject).not.toMatch(/[\r\n]/);
        // With the escaped name taken out, the HTML is exactly that of a plain name: nothing leaked.
        const plain = renderInviteMessage({
          to: 'ada@example.org', entryTitle: 'Town hall', entryType: 'room', inviterName: 'X', role: 'viewer',
          url: outcome.invite.url, expiresAt: outcome.invite.expiresAt,
        });
        expect(message!.html.replace(escapeHtml(normalized), 'X')).toBe(plain.html);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('I4: a mailer that fails at random', () => {
  it('never loses an invite: every address is stored, failures kept with their cause, successes in the outbox', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool, { minLength: 1 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), async (emails, failures) => {
        const { invites, mailer, store } = await inviteHarness();
        mailer.failWhen((m) => failures[pool.indexOf(m.to)] === true);
        const outcomes = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails }));
        expect(store.inspect().map((i) => i.email).sort()).toEqual([...emails].sort());
        for (const [i, email] of emails.entries()) {
          const failed = failures[pool.indexOf(email)] === true;
          expect(outcomes[i]).toMatchObject({ status: 'invited', delivery: failed ? 'failed' : 'sent' });
          const stored = store.inspect().find((x) => x.email === email)!;
          expect(stored).toMatchObject({ state: 'pending', deliveryStatus: failed ? 'failed' : 'sent', deliveryAttempts: 1 });
          expect(stored.deliveryError === null).toBe(!failed);
        }
        expect(mailer.outbox().map((m) => m.to).sort()).toEqual(emails.filter((e) => failures[pool.indexOf(e)] !== true).sort());
      }),
      { numRuns: runs(150) },
    );
  });
});
