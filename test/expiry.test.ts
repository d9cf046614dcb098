/**
 * G3: expiry is creation + N × 24 h, exact to the millisecond, whatever the host's time zone.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guestLinkExpiry, guestLinkState, isGuestLinkExpired } from '../src/index';
import { DAY, harness, ok, owner } from './harness';
import { runs } from './support/runs';

const instant = fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) });
const days = fc.integer({ min: 1, max: 36_500 });

describe('guestLinkExpiry', () => {
  it('spans exactly N × 24 hours from any instant', () => {
    fc.assert(
      fc.property(instant, days, (createdAt, n) => {
        expect(guestLinkExpiry(createdAt, n)).toBe(createdAt + n * DAY);
      }),
    );
  });

  it('is valid one millisecond before the instant and expired at it', () => {
    fc.assert(
      fc.property(instant, days, (createdAt, n) => {
        const link = { expiresAt: guestLinkExpiry(createdAt, n), useLimit: null, uses: 0 };
        expect(isGuestLinkExpired(link, link.expiresAt! - 1)).toBe(false);
        expect(isGuestLinkExpired(link, link.expiresAt!)).toBe(true);
        expect(guestLinkState(link, true, link.expiresAt! - 1)).toBe('active');
        expect(guestLinkState(link, true, link.expiresAt!)).toBe('expired');
      }),
    );
  });

  it('never expires without a duration', () => {
    fc.assert(
      fc.property(instant, instant, (createdAt, now) => {
        expect(isGuestLinkExpired({ expiresAt: guestLinkExpiry(createdAt, null) }, now)).toBe(false);
      }),
    );
  });

  it('does not depend on the time zone: the same in zones with daylight saving', () => {
    // Across the 2026 spring-forward and fall-back changes of each zone.
    const script = `
      import('${new URL('../src/domain/guest-link.ts', import.meta.url).pathname}').then(({ guestLinkExpiry }) => {
        const starts = [Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 31, 23, 30)];
        console.log(JSON.stringify(starts.flatMap((s) => [1, 2, 7, 30].map((n) => guestLinkExpiry(s, n) - s))));
      });`;
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Jerusalem'];
    const spans = zones.map((TZ) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ },
        encoding: 'utf8',
      }).trim(),
    );
    const expected = JSON.stringify([1, 2, 7, 30, 1, 2, 7, 30, 1, 2, 7, 30, 1, 2, 7, 30].map((n) => n * DAY));
    expect(spans).toEqual(zones.map(() => expected));
  });
});

describe('a link created through the library', () => {
  it('works up to the last millisecond of its duration, for any duration and start', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), fc.integer({ min: 1, max: 400 }), async (start, n) => {
        const { access, clock } = await harness();
        clock.set(start);
        const link = ok(
          await (async () => {
            ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
            return access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', durationDays: n });
          })(),
        );
        expect(link.expiresAt).toBe(start + n * DAY);
        clock.set(start + n * DAY - 1);
        ok(await access.openGuestLink({ token: link.token }));
        clock.set(start + n * DAY);
        expect(await access.openGuestLink({ token: link.token })).toMatchObject({ code: 'LINK_INVALID' });
        expect(await access.joinGuestLink({ token: link.token, name: 'Late', email: 'late@example.org' })).toMatchObject({
          code: 'LINK_INVALID',
        });
      }),
      { numRuns: runs(50) },
    );
  });
});
