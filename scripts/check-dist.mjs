// Checks the built package as a user gets it: both module formats load and work, and no
// shipped file imports a Node built-in (the core must run on any runtime with Web Crypto).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const problems = [];

for (const file of readdirSync(new URL('../dist/', import.meta.url))) {
  if (!/\.(c?js)$/.test(file)) continue;
  const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  const builtin = code.match(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[^"']+|crypto|fs|path|buffer|util)["']/);
  if (builtin) problems.push(`dist/${file} imports ${builtin[1]}`);
}

async function roundTrip(format, core, memory) {
  const access = core.createAccessLinks({
    guestLinks: memory.createMemoryGuestLinkStore(),
    guestSessions: memory.createMemoryGuestSessionStore(),
    directory: memory.createMemoryEntryDirectory({ entries: [{ id: 'e', type: 'video', ownerId: 'o', available: true }] }),
    keyRing: await core.createKeyRing({ keys: [{ id: 'k', secret: core.generateSecret() }] }),
    guestLinkUrl: (token) => `https://example.org/g/${token}`,
  });
  const actor = { userId: 'o' };
  await access.setGuestAccess({ actor, entryId: 'e', enabled: true });
  const link = await access.createGuestLink({ actor, entryId: 'e', name: 'L', useLimit: 1 });
  const joined = link.ok && (await access.joinGuestLink({ token: link.value.token, name: 'G', email: 'g@example.org' }));
  const again = link.ok && (await access.joinGuestLink({ token: link.value.token, name: 'H', email: 'h@example.org' }));
  if (!joined?.ok || again?.ok !== false) problems.push(`${format}: a one-use link did not admit exactly one guest`);
  else console.log(`${format}: loads, creates a link, admits one guest and refuses the next (${again.code})`);
}

await roundTrip('ESM', await import('access-links'), await import('access-links/memory'));
await roundTrip('CJS', require('access-links'), require('access-links/memory'));
const schemas = require('access-links/schemas');
if (typeof schemas.GuestLinkSchema !== 'object') problems.push('CJS: access-links/schemas has no GuestLinkSchema');

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dist: no Node built-in imported by any shipped file');
