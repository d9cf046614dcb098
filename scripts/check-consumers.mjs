// The package as its users get it: packed, installed into a project of its own, then
//  0. loaded with its dependencies alone (no optional peer): every entry point but format,
//     schemas and nodemailer loads, and format and schemas ask for their peers;
//  1. compiled as host code by the oldest and the newest TypeScript the package supports, with
//     the strictest flags (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
//     skipLibCheck: false, lib ES2022 without DOM), as ESM under node16 and bundler resolution
//     and as CommonJS;
//  2. run — the README tour and a round trip of both features — on Node, Bun and Deno, and in an
//     edge-runtime VM from a browser bundle; and the conformance kit on the memory adapters
//     under Bun and Deno.
// A runtime that is missing is skipped with a message, except under CI=true, where it fails.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const problems = [];
const say = (line) => console.log(line);
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

// --- the packed package, installed -------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'access-links-consumer-'));
let core;
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root }).trim().split('\n').pop();
  const modules = join(work, 'node_modules');
  mkdirSync(join(modules, 'access-links'), { recursive: true });
  run('tar', ['-xzf', join(work, tarball), '-C', join(modules, 'access-links'), '--strip-components=1']);
  // The package's own dependencies, as npm would install them; the optional peers of the entry
  // points checked here (date-fns for access-links/format, zod for access-links/schemas); and the
  // drivers the checks use.
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const peers = ['date-fns', '@date-fns/tz', 'zod'];
  for (const dependency of [...Object.keys(dependencies), ...peers, '@types/node', 'pg', '@types/pg', 'pg-types', 'pg-protocol', 'postgres']) {
    if (!existsSync(join(root, 'node_modules', dependency))) continue;
    mkdirSync(join(modules, dependency, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency));
  }
  const files = readFileSync(join(modules, 'access-links', 'package.json'), 'utf8');
  say(`packed ${tarball} (${JSON.parse(files).version}) into a project of its own`);
  // What everyone downloads: at most 350 kB, code readable as shipped (not minified), no source
  // maps, declarations shipped once (scripts/share-types.mjs). The budget was 300 kB before the
  // refusal words for two readers in three languages (about 28 kB, in ESM and CommonJS) and
  // access-links/capabilities (about 5 kB), and 330 kB before leaving, the veto before a join and
  // a link's domains (about 14 kB), 350 kB before a link's passcode (about 16 kB), and 370 kB
  // before verified addresses (about 19 kB); the performance guide lists what it holds.
  const packedBytes = statSync(join(work, tarball)).size;
  if (packedBytes > 435_000) problems.push(`the tarball is ${packedBytes.toLocaleString("en")} B, over 435,000 B`);
  else say(`the tarball is ${packedBytes.toLocaleString("en")} B, within 435,000 B`);

  // --- 0. the core with its dependencies alone ----------------------------------------------------
  // A project that installs access-links and no optional peer: every entry point but format,
  // schemas and nodemailer loads, in both module systems, with the packed dependencies alone.
  const packed = JSON.parse(files);
  // Outside `work`, whose node_modules holds the peers: nothing above it may lend one.
  core = mkdtempSync(join(tmpdir(), 'access-links-core-'));
  mkdirSync(join(core, 'node_modules', 'access-links'), { recursive: true });
  run('tar', ['-xzf', join(work, tarball), '-C', join(core, 'node_modules', 'access-links'), '--strip-components=1']);
  for (const dependency of Object.keys(packed.dependencies ?? {})) {
    mkdirSync(join(core, 'node_modules', dependency, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), join(core, 'node_modules', dependency));
  }
  if (Object.keys(packed.dependencies ?? {}).join() !== 'ulid') problems.push(`core: the package depends on ${Object.keys(packed.dependencies ?? {}).join(', ')}, not on ulid alone`);
  for (const peer of [...peers, 'nodemailer']) {
    if (packed.peerDependenciesMeta?.[peer]?.optional !== true) problems.push(`core: ${peer} is not an optional peer`);
  }
  writeFileSync(join(core, 'package.json'), JSON.stringify({ name: 'core-only', private: true, type: 'module' }));
  const alone = ['access-links', 'access-links/invites', 'access-links/capabilities', 'access-links/memory', 'access-links/http', 'access-links/postgres', 'access-links/testing', 'access-links/events', 'access-links/webhooks'];
  const needing = { 'access-links/format': ['date-fns', '@date-fns/tz'], 'access-links/schemas': ['zod'] };
  const probe = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const answers = {};
    for (const entry of ${JSON.stringify([...alone, ...Object.keys(needing)])}) {
      for (const [system, load] of [['ESM', (name) => import(name)], ['CJS', async (name) => require(name)]]) {
        try {
          answers[entry + ' ' + system] = Object.keys(await load(entry)).length > 0 ? 'loads' : 'empty';
        } catch (error) {
          answers[entry + ' ' + system] = String(error?.message ?? error).match(/'([^']+)'/)?.[1] ?? String(error);
        }
      }
    }
    console.log(JSON.stringify(answers));`;
  writeFileSync(join(core, 'probe.mjs'), probe);
  const answers = JSON.parse(run(process.execPath, ['probe.mjs'], { cwd: core }));
  for (const entry of alone) {
    for (const system of ['ESM', 'CJS']) {
      if (answers[`${entry} ${system}`] !== 'loads') problems.push(`core: ${entry} (${system}) does not load with the dependencies alone: ${answers[`${entry} ${system}`]}`);
    }
  }
  for (const [entry, needed] of Object.entries(needing)) {
    for (const system of ['ESM', 'CJS']) {
      const answer = String(answers[`${entry} ${system}`]);
      if (!needed.some((peer) => answer === peer || answer.startsWith(`${peer}/`))) problems.push(`core: ${entry} (${system}) should need ${needed.join(' or ')}, and answered ${answer}`);
    }
  }
  say(`core: ${alone.join(', ')} load in ESM and CJS with ${Object.keys(packed.dependencies).join(', ')} alone; format needs date-fns, schemas needs zod`);

  // --- 1. types ---------------------------------------------------------------------------------
  const strict = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
  };
  const projects = [
    { name: 'ESM, node16', type: 'module', options: { module: 'node16', moduleResolution: 'node16' }, files: ['host.ts'] },
    { name: 'ESM, bundler', type: 'module', options: { module: 'esnext', moduleResolution: 'bundler' }, files: ['host.ts'] },
    { name: 'CommonJS, node16', type: 'commonjs', options: { module: 'node16', moduleResolution: 'node16' }, files: ['host.cts'] },
    {
      name: 'ESM, the zod schemas (with @types/node, for the URL that zod declares)',
      type: 'module',
      options: { module: 'node16', moduleResolution: 'node16', types: ['node'] },
      files: ['schemas.ts'],
    },
  ];
  const compilers = [
    ['oldest', join(root, 'node_modules', 'typescript-oldest', 'bin', 'tsc')],
    ['newest', join(root, 'node_modules', 'typescript-newest', 'bin', 'tsc')],
  ];
  for (const project of projects) {
    const dir = join(work, `types-${projects.indexOf(project)}`);
    mkdirSync(dir);
    symlinkSync(modules, join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host', private: true, type: project.type }));
    for (const file of project.files) {
      cpSync(join(root, 'test', 'consumer', file), join(dir, file));
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...strict, ...project.options }, files: project.files }));
    for (const [which, tsc] of compilers) {
      const version = run(process.execPath, [tsc, '--version']).trim();
      try {
        run(process.execPath, [tsc, '-p', dir]);
        say(`types: ${project.name} compiles with ${version} (${which})`);
      } catch (error) {
        problems.push(`types: ${project.name} fails with ${version}:\n${error.stdout}${error.stderr}`);
      }
    }
  }

  // --- 2. runtimes ------------------------------------------------------------------------------
  const app = join(work, 'app');
  mkdirSync(app);
  symlinkSync(modules, join(app, 'node_modules'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(app, 'tour.ts'), readmeTour());
  cpSync(join(root, 'scripts', 'runtime-checks.mjs'), join(app, 'checks.mjs'));
  cpSync(join(root, 'scripts', 'runtime-run.mjs'), join(app, 'run-checks.mjs'));
  cpSync(join(root, 'scripts', 'runtime-kit.mjs'), join(app, 'kit.mjs'));

  const runtimes = [
    ['Node', process.execPath, { tour: [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tour.ts'], checks: ['run-checks.mjs'], kit: ['kit.mjs'] }],
    ['Bun', bin('bun'), { tour: ['run', 'tour.ts'], checks: ['run', 'run-checks.mjs'], kit: ['run', 'kit.mjs'] }],
    ['Deno', bin('deno'), { tour: ['run', '-A', 'tour.ts'], checks: ['run', '-A', 'run-checks.mjs'], kit: ['run', '-A', 'kit.mjs'] }],
  ];
  for (const [name, command, jobs] of runtimes) {
    if (!existsSync(command)) {
      missing(name);
      continue;
    }
    const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
    for (const [job, args] of Object.entries(jobs)) {
      if (args === null) continue;
      try {
        const output = run(command, args, { cwd: app, env }).trim().split('\n').filter(Boolean).pop();
        say(`${name}: ${job} — ${output}`);
      } catch (error) {
        problems.push(`${name}: ${job} failed:\n${error.stdout}${error.stderr}`);
      }
    }
  }
  await edge(app);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (core !== undefined) rmSync(core, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(problems.join('\n\n'));
  process.exit(1);
}

/**
 * The README tour as a program, without its PostgreSQL block and the blocks that mount the
 * handler in a server (a framework of the host's, another runtime's `serve`, or a `listen` on a port).
 */
function readmeTour() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((b) => !/\bpg\b|postgres/.test(b) && !/from 'hono'|\bserve\(|\bBun\.serve\b|\.listen\(/.test(b));
  const code = blocks.join('\n');
  const imports = code.match(/^import [\s\S]*?from '[^']+';$/gm) ?? [];
  const body = imports.reduce((rest, statement) => rest.replace(statement, ''), code);
  return `${imports.join('\n')}\nconst log = console.log;\nconsole.log = () => undefined;\n${body}\nconsole.log = log;\nconsole.log('the README tour ran to its end');\n`;
}

/** The core, bundled for a browser, run in an edge-runtime VM: no Node built-in, Web Crypto only. */
async function edge(app) {
  let EdgeVM;
  let build;
  try {
    ({ EdgeVM } = await import('@edge-runtime/vm'));
    ({ build } = await import('esbuild'));
  } catch {
    missing('the edge runtime');
    return;
  }
  const entry = join(app, 'edge-entry.mjs');
  writeFileSync(entry, `export * from './checks.mjs';\n`);
  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    globalName: 'checks',
    target: 'es2022',
    absWorkingDir: app,
    logLevel: 'silent',
    define: { 'import.meta.url': '"file:///edge.mjs"' },
  });
  const vm = new EdgeVM();
  vm.evaluate(bundled.outputFiles[0].text);
  try {
    const result = await vm.evaluate('checks.roundTrips()');
    say(`edge VM: ${result}`);
  } catch (error) {
    problems.push(`edge VM: the round trips failed: ${error?.stack ?? error}`);
  }
}

function missing(what) {
  const message = `${what} is not installed: its checks are skipped (npm ci installs it)`;
  if (process.env.CI) problems.push(`${message}, and under CI=true they must run`);
  else console.warn(message);
}
