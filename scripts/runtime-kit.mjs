// The conformance kit on the memory adapters, under whatever runtime runs this file.
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from 'access-links/memory';
import { guestStoreConformance, inviteStoreConformance, mailerConformance, runConformance } from 'access-links/testing';

const runs = [];
const test = (name, run) => runs.push(run().then(() => null, (error) => `${name}: ${error?.message ?? error}`));
runConformance(guestStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
runConformance(inviteStoreConformance(async () => ({ store: createMemoryInviteStore() })), test);
runConformance(mailerConformance(async () => {
  const mailer = createMemoryMailer();
  return { store: mailer, peek: async () => mailer.outbox() };
}), test);
const failures = (await Promise.all(runs)).filter(Boolean);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  throw new Error(`${failures.length} of ${runs.length} conformance cases failed`);
}
console.log(`all ${runs.length} conformance cases pass on the memory adapters`);
