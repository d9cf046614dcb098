/**
 * A process that joins guests through one guest link, on PGlite kept in a folder, until it is
 * killed: the other side of the tests in `pglite-faults.test.ts`. Run it as
 * `node --import tsx test/support/pglite-worker.ts <folder> <entry id>`. It prints a line only once
 * the step it names is done, so every line read from it is work the library acknowledged:
 *
 * - `opened` once the database is open, before the schema is brought up to date;
 * - `link <id> <token>` once the entry has guest access on and a link with room for a million guests;
 * - `joined <i> <session id>` for each join the library has answered, guest `Guest <i>` (from 0).
 */
import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from '../../src/postgres';
import { ok, owner } from '../harness';
import { guestLinksOver } from './pglite-library';

const [folder, entryId] = process.argv.slice(2);
if (folder === undefined || entryId === undefined) throw new Error('Name the folder of the database and the entry.');

const db = new PGlite(folder);
await db.waitReady;
process.stdout.write('opened\n');
const library = await guestLinksOver(fromPglite(db));
ok(await library.setGuestAccess({ actor: owner, entryId, enabled: true }));
const link = ok(await library.createGuestLink({ actor: owner, entryId, name: 'Joined until killed', useLimit: 1_000_000 }));
process.stdout.write(`link ${link.id} ${link.token}\n`);
for (let i = 0; ; i += 1) {
  const joined = ok(await library.joinGuestLink({ token: link.token, name: `Guest ${i}`, email: `guest-${i}@example.org` }));
  process.stdout.write(`joined ${i} ${joined.session.id}\n`);
}
