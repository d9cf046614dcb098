// `npm run bench`: every performance goal of the library as a ratio to a reference measured in
// the same run, interleaved, as the median of several rounds; the machine is noisy, so absolute
// figures are shown but only ratios are judged. Run with --expose-gc (the npm script does).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import {
  createGuestLinks,
  createKeyRing,
  decideCreateGuestLink,
  decideGuestEntry,
  decideGuestSession,
  decideManageGuestAccess,
  decideModerateGuests,
  DEFAULT_GUEST_LINK_RULES,
  generateSecret,
} from 'access-links';
import { createHttpHandler } from 'access-links/http';
import { createInviteLinks, decideClaimInvite, decideRole, DEFAULT_INVITE_RULES } from 'access-links/invites';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore } from 'access-links/memory';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_MS ?? 300);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const row = (what, value, reference, ratio, goal, pass) => rows.push({ what, value, reference, ratio, goal, pass: pass ? 'pass' : 'FAIL' });

/** Operations per second of an async function, over one round. */
async function asyncRate(fn, ms = ROUND_MS) {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) for (let i = 0; i < 50; i++) await fn(n++);
  return (n * 1000) / (performance.now() - start);
}
/** Operations per second of a synchronous function, over one round. */
let sink = 0;
function syncRate(fn, ms = ROUND_MS) {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) for (let i = 0; i < 1000; i++) sink ^= fn(n++) ? 1 : 0;
  return (n * 1000) / (performance.now() - start);
}
/** Median rates of a subject and its reference, measured in alternating rounds. */
async function versus(subject, reference, rate) {
  const a = [];
  const b = [];
  await rate(subject, 100);
  await rate(reference, 100);
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await rate(subject));
    b.push(await rate(reference));
  }
  return [median(a), median(b)];
}
const perSecond = (n) => `${Math.round(n).toLocaleString('en')}/s`;

// ---- 1. a join in memory, against the least a join can do on Node ----------------------------
const owner = { userId: 'owner' };
const clock = createManualClock(Date.UTC(2026, 10, 23));
async function guestWorld(hmac, ring = (keyRing) => keyRing, store = createMemoryGuestStore(), options = {}) {
  const directory = createMemoryEntryDirectory({ entries: [{ id: 'e', type: 'video', ownerId: owner.userId, available: true }] });
  const keyRing = ring(await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }], hmac }));
  // Every join of a round must be a join: no link may fill up (R2) while it is measured.
  const rules = { maxGuestsPerLink: 2_147_483_647 };
  const guestLinks = createGuestLinks({ store, directory, keyRing, clock, guestLinkUrl: (t) => t, rules, ...options });
  await guestLinks.setGuestAccess({ actor: owner, entryId: 'e', enabled: true });
  const link = await guestLinks.createGuestLink({ actor: owner, entryId: 'e', name: 'Bench' });
  if (!link.ok) throw new Error(link.code);
  return { guestLinks, token: link.value.token };
}
{
  const { guestLinks, token } = await guestWorld('native');
  // The reference: verify the link's MAC, count a use, sign and store a session, with node:crypto.
  const secret = generateSecret();
  const data = Buffer.from('access-links/guest-link/v1\n01KPAR9HM0RGP4C0QV9DPCBRJ4\nk1');
  const mac = createHmac('sha256', secret).update(data).digest();
  const uses = new Map([['link', 0]]);
  const sessions = new Map();
  const minimalRedeem = async (i) => {
    if (!timingSafeEqual(createHmac('sha256', secret).update(data).digest(), mac)) throw new Error('bad mac');
    uses.set('link', uses.get('link') + 1);
    const id = `s${i}`;
    sessions.set(id, { id, name: 'G', email: `g${i}@example.org`, at: Date.now() });
    return createHmac('sha256', secret).update(id).digest('base64url');
  };
  const join = (links, at, email) => async (i) => {
    const joined = await links.joinGuestLink({ token: at, name: 'G', email: email(i) });
    if (!joined.ok) throw new Error(`join refused: ${joined.code}`);
  };
  const [ours, reference] = await versus(join(guestLinks, token, (i) => `g${i}@example.org`), minimalRedeem, asyncRate);
  row('joinGuestLink, memory store, Node', perSecond(ours), `${perSecond(reference)} minimal redeem (node:crypto)`, ours / reference, '≥ 0.40×', ours / reference >= 0.4);

  const web = await guestWorld('web-crypto');
  const [webRate] = await versus(join(web.guestLinks, web.token, (i) => `w${i}@example.org`), minimalRedeem, asyncRate);
  row('  the same with the Web Crypto HMAC (browsers, workers)', perSecond(webRate), 'the same minimal redeem', webRate / reference, '(shown)', true);
  // A key ring of the host's own (the port alone): the library's ring remembers the MAC of a
  // shared link it verified; through the port, every join computes both HMACs.
  const own = await guestWorld('native', (keyRing) => ({ signingKeyId: () => keyRing.signingKeyId(), sign: (id, data) => keyRing.sign(id, data), verify: (id, data, mac) => keyRing.verify(id, data, mac) }));
  const [ownRate] = await versus(join(own.guestLinks, own.token, (i) => `o${i}@example.org`), minimalRedeem, asyncRate);
  row('  the same through a key ring of the host\'s (no remembered MACs)', perSecond(ownRate), 'the same minimal redeem', ownRate / reference, '(shown)', true);
  const [open] = await versus(() => guestLinks.openGuestLink({ token }), minimalRedeem, asyncRate);
  row('  openGuestLink', perSecond(open), 'the same minimal redeem', open / reference, '(shown)', true);
  // A1: counting a link's activity costs a join at most 10 %, measured side by side.
  const silent = await guestWorld('native', undefined, createMemoryGuestStore(), { activity: false });
  const [counted, uncounted] = await versus(join(guestLinks, token, (i) => `c${i}@example.org`), join(silent.guestLinks, silent.token, (i) => `u${i}@example.org`), asyncRate);
  row('joinGuestLink, counting activity on vs off (memory)', perSecond(counted), `${perSecond(uncounted)} activity: false`, counted / uncounted, '≥ 0.90×', counted / uncounted >= 0.9);
  // The outbox: each join writes its event in the same step (memory), against one that writes none.
  const writing = await guestWorld('native', undefined, createMemoryGuestStore(), { outbox: true });
  const [withEvents, withoutEvents] = await versus(join(writing.guestLinks, writing.token, (i) => `e${i}@example.org`), join(guestLinks, token, (i) => `n${i}@example.org`), asyncRate);
  row('  joinGuestLink, outbox on vs off (memory)', perSecond(withEvents), `${perSecond(withoutEvents)} outbox off`, withEvents / withoutEvents, '(shown)', true);

  // PGlite: the PostgreSQL adapter's SQL, run by PostgreSQL compiled to WebAssembly in this process.
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPostgresGuestStore, fromPglite, migrate } = await import('access-links/postgres');
  const client = fromPglite(new PGlite());
  await migrate(client);
  const pglite = await guestWorld('native', undefined, createPostgresGuestStore(client));
  const [pgliteRate, memoryRate] = await versus(join(pglite.guestLinks, pglite.token, (i) => `p${i}@example.org`), join(guestLinks, token, (i) => `m${i}@example.org`), asyncRate);
  row('joinGuestLink, PGlite store (PostgreSQL in the process)', perSecond(pgliteRate), `${perSecond(memoryRate)} the memory store`, pgliteRate / memoryRate, '(shown)', true);
  await client.close();
}

// ---- 1b. the HTTP layer, against calling the library directly ---------------------------------
{
  const origin = 'https://media.example.org';
  for (const [label, rateLimiter] of [
    ['no rate limiter', null],
    ['memory rate limiter', undefined],
  ]) {
    const { guestLinks, token } = await guestWorld('native');
    const handler = createHttpHandler({
      guestLinks,
      authenticate: () => null,
      clock,
      rateLimiter,
      rateLimits: { joinPerLink: { limit: 1_000_000, windowSeconds: 1 }, openPerLink: { limit: 1_000_000, windowSeconds: 1 } },
    });
    const body = (i) => JSON.stringify({ name: 'G', email: `h${i}@example.org` });
    const viaHttp = async (i) => {
      const response = await handler(
        new Request(`${origin}/access-links/guest-links/${token}/join`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: body(i) }),
      );
      if (response.status !== 201) throw new Error(`join over HTTP answered ${response.status}`);
      await response.arrayBuffer();
    };
    // The direct call is what a host's own minimal route would do with the same request: read
    // the JSON, call the library, answer JSON with the session cookie.
    const direct = async (i) => {
      const request = new Request(`${origin}/join/${token}`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: body(i) });
      const input = await request.json();
      const joined = await guestLinks.joinGuestLink({ token, name: input.name, email: input.email });
      if (!joined.ok) throw new Error(joined.code);
      const response = new Response(JSON.stringify({ session: joined.value.session }), {
        status: 201,
        headers: { 'content-type': 'application/json', 'set-cookie': `guest=${joined.value.token}; Path=/; HttpOnly; Secure; SameSite=Lax` },
      });
      await response.arrayBuffer();
    };
    const [http, lib] = await versus(viaHttp, direct, asyncRate);
    row(`join through the HTTP handler (${label})`, perSecond(http), `${perSecond(lib)} minimal hand-written route`, http / lib, '≥ 0.50×', http / lib >= 0.5);
    if (rateLimiter === null) {
      // And against the bare call: what the whole of HTTP (Request, Response, the checks) costs.
      const bare = async (i) => {
        const joined = await guestLinks.joinGuestLink({ token, name: 'G', email: `b${i}@example.org` });
        if (!joined.ok) throw new Error(joined.code);
      };
      const [h, c] = await versus(viaHttp, bare, asyncRate);
      row('  join through the HTTP handler vs the bare joinGuestLink call', perSecond(h), `${perSecond(c)} joinGuestLink`, h / c, '(shown)', true);
      const openHttp = async () => {
        const response = await handler(new Request(`${origin}/access-links/guest-links/${token}`));
        if (response.status !== 200) throw new Error(`open over HTTP answered ${response.status}`);
        await response.arrayBuffer();
      };
      const openDirect = async () => {
        const request = new Request(`${origin}/open/${token}`);
        const landing = await guestLinks.openGuestLink({ token: new URL(request.url).pathname.split('/')[2] });
        await new Response(JSON.stringify(landing.value), { headers: { 'content-type': 'application/json' } }).arrayBuffer();
      };
      const [a, b] = await versus(openHttp, openDirect, asyncRate);
      row('  open through the HTTP handler', perSecond(a), `${perSecond(b)} minimal hand-written route`, a / b, '(shown)', true);
    }
  }
}

// ---- 2. decisions, against hand-written functions making the same checks ---------------------
{
  const entry = { id: 'e', type: 'room', ownerId: 'owner', coEditorIds: ['co'], moderatorIds: ['mod'], available: true };
  const facts = { entry, site: { inviteToMediaModule: true, mediaPage: true }, rules: DEFAULT_GUEST_LINK_RULES };
  const access = { entryId: 'e', enabled: true, roomLocked: false, updatedAt: 0, updatedBy: '' };
  const link = { id: 'l', entryId: 'e', name: 'L', useLimit: 5, uses: 1, durationDays: null, createdAt: 0, expiresAt: 2e12, createdBy: 'owner' };
  const session = { id: 's', entryId: 'e', linkId: 'l', linkName: 'L', guestName: 'G', guestEmail: 'g@x.org', emailKey: 'g@x.org', clientKey: null, status: 'admitted', joinedAt: 0, decidedAt: null, decidedBy: null };
  const actor = { userId: 'co' };
  const now = 1.8e12;
  const r = DEFAULT_GUEST_LINK_RULES;
  const managesByHand = (a, e) =>
    (r.guestManagers.includes('owner') && e.ownerId === a.userId) ||
    (r.guestManagers.includes('co-editor') && e.coEditorIds.includes(a.userId)) ||
    (r.guestManagers.includes('admin') && a.admin === true);
  const entryByHand = (f) => f.entry !== null && f.site.inviteToMediaModule && f.site.mediaPage && !r.unsupportedGuestEntryTypes.includes(f.entry.type);
  const openByHand = (f, s) => entryByHand(f) && f.entry.available && s.enabled;
  const twins = {
    decideCreateGuestLink: [() => decideCreateGuestLink(facts, actor, access, 1).allowed, () => entryByHand(facts) && entry.available && managesByHand(actor, entry) && access.enabled && 1 < r.guestLinkCap],
    decideManageGuestAccess: [() => decideManageGuestAccess(facts, actor).allowed, () => entryByHand(facts) && managesByHand(actor, entry)],
    decideModerateGuests: [
      () => decideModerateGuests(facts, { userId: 'mod' }).allowed,
      () => entryByHand(facts) && r.waitingRoomEntryTypes.includes(entry.type) && (managesByHand({ userId: 'mod' }, entry) || entry.moderatorIds.includes('mod')),
    ],
    decideGuestEntry: [() => decideGuestEntry(facts, access, link, now).allowed, () => openByHand(facts, access) && !(link.expiresAt !== null && now >= link.expiresAt) && !(link.useLimit !== null && link.uses >= link.useLimit)],
    decideGuestSession: [
      () => decideGuestSession(facts, access, link, session, now).allowed,
      () => openByHand(facts, access) && session.status === 'admitted' && !(link.expiresAt !== null && now >= link.expiresAt),
    ],
  };
  const inviteFacts = { entry, site: facts.site, rules: DEFAULT_INVITE_RULES };
  const invite = { id: 'i', entryId: 'e', email: 'ada@example.org', emailKey: 'ada@example.org', role: 'speaker', state: 'pending', invitedBy: 'owner', inviterName: null, invitedAt: 0, expiresAt: 2e12, updatedAt: 0, acceptedBy: null, decidedBy: null, deliveryStatus: 'sent', deliveryAttempts: 1, lastSentAt: 0, deliveryError: null };
  const claimant = { userId: 'ada', email: 'Ada@example.org', emailVerified: true };
  twins.decideClaimInvite = [
    () => decideClaimInvite(inviteFacts, invite, claimant, now).allowed,
    () => invite.state === 'pending' && now < invite.expiresAt && entry.available && inviteFacts.site.inviteToMediaModule && claimant.email.trim().normalize('NFC').toLowerCase() === invite.emailKey && claimant.emailVerified,
  ];
  twins.decideRole = [
    () => decideRole(inviteFacts, actor, 'speaker').allowed,
    () => (DEFAULT_INVITE_RULES.rolesByEntryType[entry.type] ?? DEFAULT_INVITE_RULES.defaultRoles).includes('speaker') && (entry.ownerId === actor.userId || entry.coEditorIds.includes(actor.userId) || actor.admin === true),
  ];
  let worst = Infinity;
  for (const [name, [ours, twin]] of Object.entries(twins)) {
    if (ours() !== twin()) throw new Error(`${name} and its twin disagree`);
    const [a, b] = await versus(ours, twin, syncRate);
    worst = Math.min(worst, a / b);
    row(`${name}, allowed`, perSecond(a), `${perSecond(b)} hand-written`, a / b, '≥ 0.50×', a / b >= 0.5);
  }

  // CASL, the usual authorization library, asked the same question.
  const { can, build: buildAbility } = new AbilityBuilder(createMongoAbility);
  can('create', 'GuestLink', { ownerId: actor.userId });
  can('create', 'GuestLink', { coEditorIds: { $in: [actor.userId] } });
  const ability = buildAbility();
  if (!ability.can('create', subject('GuestLink', { ...entry }))) throw new Error('CASL disagrees');
  // As in a request: the entry arrives as a fresh object, and each side is asked about it.
  const [ours, casl] = await versus(
    () => decideCreateGuestLink({ entry: { ...entry }, site: facts.site, rules: facts.rules }, actor, access, 1).allowed,
    () => ability.can('create', subject('GuestLink', { ...entry })),
    syncRate,
  );
  row('decideCreateGuestLink vs CASL can(), a fresh entry each time', perSecond(ours), `${perSecond(casl)} CASL`, ours / casl, '≥ 10×', ours / casl >= 10);
}

// ---- 3. cost flat in stored data, in the memory stores ----------------------------------------
async function linkWorld(entries, linksPerEntry) {
  const directory = createMemoryEntryDirectory({ entries: [] });
  const guestLinks = createGuestLinks({
    store: createMemoryGuestStore(),
    directory,
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
    clock,
    guestLinkUrl: (t) => t,
    rules: { guestLinkCap: 1000 },
  });
  for (let e = 0; e < entries; e++) {
    directory.put({ id: `e${e}`, type: 'video', ownerId: owner.userId, available: true });
    await guestLinks.setGuestAccess({ actor: owner, entryId: `e${e}`, enabled: true });
    for (let l = 0; l < linksPerEntry; l++) await guestLinks.createGuestLink({ actor: owner, entryId: `e${e}`, name: 'L' });
  }
  return { guestLinks, directory };
}
{
  const small = await linkWorld(1, 0);
  const big = await linkWorld(100, 1000); // 100,000 links in other entries
  for (const world of [small, big]) {
    world.directory.put({ id: 'fresh', type: 'video', ownerId: owner.userId, available: true });
    await world.guestLinks.setGuestAccess({ actor: owner, entryId: 'fresh', enabled: true });
  }
  // Create and delete, so the entry never fills: the cost of one creation with the store as it is.
  const churn = (world) => async () => {
    const made = await world.guestLinks.createGuestLink({ actor: owner, entryId: 'fresh', name: 'L' });
    if (made.ok) await world.guestLinks.deleteGuestLink({ actor: owner, entryId: 'fresh', linkId: made.value.id });
  };
  const [bigRate, smallRate] = await versus(churn(big), churn(small), asyncRate);
  row('createGuestLink with 100,000 links stored, vs none', perSecond(bigRate), `${perSecond(smallRate)} with none`, smallRate / bigRate, '≤ 1.50× the time', smallRate / bigRate <= 1.5);

  const start = performance.now();
  const million = await linkWorld(1000, 1000);
  const seconds = (performance.now() - start) / 1000;
  row('1,000,000 links created through the API', `${seconds.toFixed(1)} s`, '1,000 entries × 1,000 links', seconds / 60, '< 60 s', seconds < 60);
  void million;
}
{
  async function inviteWorld(count) {
    const inviteLinks = createInviteLinks({
      store: createMemoryInviteStore(),
      directory: createMemoryEntryDirectory({ entries: [{ id: 'r', type: 'room', ownerId: owner.userId, available: true }] }),
      keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
      inviteUrl: (t) => t,
      clock,
      rules: { pendingInviteCap: 1_000_000, maxAddressesPerCall: 10_000 },
    });
    const emails = Array.from({ length: count }, (_, i) => `seed${i}@example.org`);
    for (let i = 0; i < emails.length; i += 1000) await inviteLinks.createInvites({ actor: owner, entryId: 'r', role: 'viewer', emails: emails.slice(i, i + 1000), send: false });
    let n = 0;
    return () => inviteLinks.createInvites({ actor: owner, entryId: 'r', role: 'viewer', emails: [`new${count}-${n++}@example.org`], send: false });
  }
  const [many, few] = await versus(await inviteWorld(10_000), await inviteWorld(10), asyncRate);
  row('one invite with 10,000 invites on the entry, vs 10', perSecond(many), `${perSecond(few)} with 10`, few / many, '≤ 1.50× the time', few / many <= 1.5);
}

// ---- 4. memory per stored link ---------------------------------------------------------------
{
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const store = createMemoryGuestStore();
  const link = (i) => ({ id: `01KPAR9HM0RGP4C0QV9D${String(i).padStart(6, '0')}`, entryId: `entry-${i >> 2}`, name: 'Guest speakers', useLimit: 5, uses: 0, durationDays: 7, createdAt: 1.8e12 + i, expiresAt: 1.8e12 + i + 6.048e8, createdBy: 'owner-1', allowedDomains: [], blockedDomains: [], passcodeHash: null });
  const N = 200_000;
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < N; i++) await store.insertLinkUnderCap(link(i), 4);
  globalThis.gc();
  const bytes = (process.memoryUsage().heapUsed - before) / N;
  // Reading the store after the measure keeps it alive through it.
  if (store.inspect().links.length !== N) throw new Error('the store lost links');
  row('memory per stored link (memory store)', `${Math.round(bytes)} B`, `${N.toLocaleString('en')} links, 4 per entry`, bytes / 400, '≤ 400 B', bytes <= 400);
}

// ---- 5. bundle size ------------------------------------------------------------------------------
async function gzipped(contents) {
  const result = await build({ stdin: { contents, resolveDir: root, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  if (/(?:from|import\(|require\()\s*["']node:/.test(new TextDecoder().decode(code))) throw new Error(`a node: import in the browser bundle of ${contents}`);
  return gzipSync(code, { level: 9 }).byteLength;
}
// What a server or a worker loads to start (the entry's chunk and what it imports statically), and
// what it loads only when first asked (dynamic imports: the OpenAPI document), split as bundlers do.
async function gzippedAtStart(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: join(root, '.cache', 'bundle'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = new Map(result.outputFiles.map((file) => [relative(root, file.path), file.contents]));
  const outputs = result.metafile.outputs;
  const atStart = new Set();
  const visit = (name) => {
    if (atStart.has(name)) return;
    atStart.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((name) => outputs[name].entryPoint !== undefined));
  const size = (names) => names.reduce((sum, name) => sum + gzipSync(code.get(name), { level: 9 }).byteLength, 0);
  return { start: size([...atStart]), later: size(Object.keys(outputs).filter((name) => name.endsWith('.js') && !atStart.has(name))) };
}
{
  const core = await gzippedAtStart("export * from 'access-links';");
  row('bundle: everything of access-links, loaded at start (passcode hashing apart), min+gzip', `${core.start.toLocaleString('en')} B`, '19,456 B', core.start / 19_456, '≤ 19,456 B', core.start <= 19_456);
  row('bundle: the passcode hashing of access-links, loaded with the first passcode', `${core.later.toLocaleString('en')} B`, '', core.later / 19_456, '(shown)', true);
  const everything = await gzipped("export * from 'access-links';");
  row('bundle: everything of access-links in one piece (no splitting)', `${everything.toLocaleString('en')} B`, '', everything / 19_456, '(shown)', true);
  const http = await gzippedAtStart("export * from 'access-links/http';");
  row('bundle: everything of access-links/http, loaded at start (no zod; the OpenAPI document apart), min+gzip', `${http.start.toLocaleString('en')} B`, '13,312 B', http.start / 13_312, '≤ 13,312 B', http.start <= 13_312);
  row('bundle: the OpenAPI document of access-links/http, loaded on its first request', `${http.later.toLocaleString('en')} B`, '', http.later / 12_288, '(shown)', true);
  const httpWhole = await gzipped("export * from 'access-links/http';");
  row('bundle: everything of access-links/http in one piece (no splitting)', `${httpWhole.toLocaleString('en')} B`, '', httpWhole / 12_288, '(shown)', true);
  const policy = await gzipped("export { decideGuestEntry, decideCreateGuestLink, decideGuestSession } from 'access-links';");
  row('bundle: the policy alone (three decide*), min+gzip', `${policy.toLocaleString('en')} B`, '3,072 B', policy / 3_072, '≤ 3,072 B', policy <= 3_072);
  for (const [name, contents] of [
    ['createGuestLinks + createKeyRing', "export { createGuestLinks, createKeyRing } from 'access-links';"],
    ['createInviteLinks + createKeyRing', "export { createInviteLinks } from 'access-links/invites'; export { createKeyRing } from 'access-links';"],
    ['everything of access-links/invites', "export * from 'access-links/invites';"],
    ['everything of access-links/memory', "export * from 'access-links/memory';"],
    ['everything of access-links/capabilities', "export * from 'access-links/capabilities';"],
    ['access-links/format: formatExpiry, formatDate, refusalMessage with en', "export { formatExpiry, formatDate, refusalMessage, en } from 'access-links/format';"],
    ['access-links/format: the same with fr', "export { formatExpiry, formatDate, refusalMessage, fr } from 'access-links/format';"],
    ['access-links/format: the same with de', "export { formatExpiry, formatDate, refusalMessage, de } from 'access-links/format';"],
    ['access-links/format: everything, en + fr + de', "export * from 'access-links/format';"],
  ]) {
    const size = await gzipped(contents);
    row(`bundle: ${name}`, `${size.toLocaleString('en')} B`, '', size / 12_288, '(shown)', true);
  }
}

console.table(rows.map((r) => ({ ...r, ratio: `${r.ratio.toFixed(2)}×` })));
const failed = rows.filter((r) => r.pass === 'FAIL');
console.log(failed.length === 0 ? 'every goal is met' : `${failed.length} goal(s) missed: ${failed.map((r) => r.what).join('; ')}`);
void sink;
