// Lints the OpenAPI document that the built access-links/http serves — for both features, and
// for each alone — with Redocly CLI's recommended rules (redocly.yaml). Any error or warning fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGuestLinks, createKeyRing, generateSecret } from '../dist/index.js';
import { createInviteLinks } from '../dist/invites.js';
import { createHttpHandler } from '../dist/http.js';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore } from '../dist/memory.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const keyRing = await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] });
const directory = createMemoryEntryDirectory({ entries: [] });
const guestLinks = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (token) => token });
const inviteLinks = createInviteLinks({ store: createMemoryInviteStore(), directory, keyRing, inviteUrl: (token) => token });
const authenticate = () => null;
const claimant = () => null;
const documents = {
  'both features': await createHttpHandler({ guestLinks, inviteLinks, authenticate, claimant }).openApi(),
  'guest links alone': await createHttpHandler({ guestLinks, authenticate }).openApi(),
  'invites alone': await createHttpHandler({ inviteLinks, authenticate, claimant }).openApi(),
};

const work = mkdtempSync(join(tmpdir(), 'access-links-openapi-'));
let problems;
try {
  const files = Object.keys(documents).map((name, index) => {
    const file = join(work, `openapi-${index}.json`);
    writeFileSync(file, JSON.stringify(documents[name], null, 2));
    return file;
  });
  let output;
  try {
    output = execFileSync(join(root, 'node_modules', '.bin', 'redocly'), ['lint', ...files, '--format=json', '--config', join(root, 'redocly.yaml')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (error) {
    output = error.stdout; // errors exit non-zero; the report is on stdout all the same
  }
  // One JSON report per file, one after the other.
  const reports = JSON.parse(`[${output.slice(output.indexOf('{')).replace(/^\}\{$/gm, '},{')}]`);
  if (reports.length !== files.length) throw new Error(`Redocly reported on ${reports.length} of ${files.length} documents:\n${output}`);
  problems = reports.flatMap((report) => report.problems);
  for (const problem of problems) {
    const where = problem.location?.[0];
    const file = Object.keys(documents)[Number(/openapi-(\d+)/.exec(where?.source?.ref ?? '')?.[1])];
    console.error(`${problem.severity} ${problem.ruleId} (${file}) ${where?.pointer ?? ''}: ${problem.message}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const count = (severity) => problems.filter((problem) => problem.severity === severity).length;
console.log(`OpenAPI (${Object.keys(documents).join(', ')}): ${count('error')} errors, ${count('warn')} warnings under Redocly's recommended rules`);
if (problems.length > 0) process.exit(1);
