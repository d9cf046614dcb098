/**
 * The conformance kit under node's own test runner: run by test/kit-runners.test.ts with
 * `node --import tsx --test`, to show the kit forces no test runner on its users.
 */
import { test } from 'node:test';
import { createMemoryGuestStore, createMemoryInviteStore } from '../../src/memory';
import { guestStoreConformance, inviteStoreConformance, runConformance } from '../../src/testing';

runConformance(guestStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
runConformance(inviteStoreConformance(async () => ({ store: createMemoryInviteStore() })), test);
