// Bundle size of the built package as a user's bundler sees it: each scenario is bundled for
// the browser with every dependency inlined, minified, and gzipped.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const scenarios = {
  'everything from access-links': "export * from 'access-links';",
  'createGuestLinks + createKeyRing': "export { createGuestLinks, createKeyRing } from 'access-links';",
  'createInviteLinks + createKeyRing': "export { createInviteLinks } from 'access-links/invites'; export { createKeyRing } from 'access-links';",
  'guest links and invites': "export { createInviteLinks } from 'access-links/invites'; export { createGuestLinks, createKeyRing } from 'access-links';",
  'everything from access-links/invites': "export * from 'access-links/invites';",
  'the policy alone (decideGuestEntry)': "export { decideGuestEntry } from 'access-links';",
  'access-links/memory': "export * from 'access-links/memory';",
};

async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, text: new TextDecoder().decode(code) };
}

const rows = [];
for (const [name, contents] of Object.entries(scenarios)) {
  const { min, gzip, text } = await measure(contents);
  rows.push({ scenario: name, 'min (kB)': (min / 1000).toFixed(1), 'min+gzip (kB)': (gzip / 1000).toFixed(1), 'node: imports': /["']node:/.test(text) ? 'yes' : 'no' });
}
console.table(rows);
