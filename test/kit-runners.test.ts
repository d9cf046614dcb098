/**
 * The conformance kit forces no test runner: the same cases run under node:test.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createMemoryGuestStore, createMemoryInviteStore } from '../src/memory';
import { guestStoreConformance, inviteStoreConformance } from '../src/testing';

it('runs under node:test, every case passing', () => {
  const file = fileURLToPath(new URL('./support/node-test-kit.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], { encoding: 'utf8' });
  const expected =
    guestStoreConformance(async () => ({ store: createMemoryGuestStore() })).length +
    inviteStoreConformance(async () => ({ store: createMemoryInviteStore() })).length;
  expect(output).toMatch(new RegExp(`^# pass ${expected}$`, 'm'));
  expect(output).toMatch(/^# fail 0$/m);
});
