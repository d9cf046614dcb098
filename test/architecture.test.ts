/**
 * The folder tree is the architecture: pure domain and policy code depends on nothing outside
 * itself, ports on the domain, services on ports (never on an adapter), adapters on what is
 * below them, and nothing below the entry points reaches up to one. Read from every import and
 * re-export of `src/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** What each part may import, besides itself: parts of `src/`, and packages by name. */
const ALLOWED: Record<string, { readonly parts: readonly string[]; readonly packages: readonly string[] }> = {
  domain: { parts: [], packages: ['zod/mini'] },
  policy: { parts: ['domain'], packages: [] },
  ports: { parts: ['domain'], packages: [] },
  services: { parts: ['domain', 'policy', 'ports'], packages: ['ulid', 'zod/mini'] },
  format: { parts: ['domain'], packages: ['date-fns', '@date-fns/tz'] },
  testing: { parts: ['domain', 'ports'], packages: ['ulid'] },
  adapters: { parts: ['domain', 'policy', 'ports', 'services'], packages: ['ulid'] },
};

/** Packages one adapter alone may load: the library it adapts. */
const ADAPTER_PACKAGES: Record<string, readonly string[]> = { nodemailer: ['nodemailer'] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file names in an import or a re-export, static or dynamic. */
function specifiers(file: string): string[] {
  // Comments hold examples with imports of their own; only code counts.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    found.push((match[1] ?? match[2])!);
  }
  return found;
}

/** The part of `src/` a file belongs to: its first folder, or `entry` for the entry points. */
function partOf(path: string): string {
  const rel = relative(SRC, path).split('/');
  return rel.length === 1 ? 'entry' : rel[0]!;
}

/** Every import that breaks the layering: `file → what it names`. */
function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const part = partOf(file);
    if (part === 'entry') continue;
    const allowed = ALLOWED[part];
    if (allowed === undefined) {
      found.push(`${relative(SRC, file)}: a part of src/ with no layering rule`);
      continue;
    }
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) {
        const target = partOf(resolve(dirname(file), specifier));
        if (target !== part && !allowed.parts.includes(target)) found.push(`${relative(SRC, file)} → ${specifier}`);
      } else if (
        ![...allowed.packages, ...(part === 'adapters' ? (ADAPTER_PACKAGES[relative(SRC, file).split('/')[1]!] ?? []) : [])].some(
          (name) => specifier === name || specifier.startsWith(`${name}/`),
        )
      ) {
        found.push(`${relative(SRC, file)} → ${specifier}`);
      }
    }
  }
  return found;
}

/**
 * What an entry point reaches through every import below it, type-only ones included: parts of
 * `src/`, and packages by name. `access-links/capabilities` reads through ports and decides by the
 * policy, so it reaches no adapter: no `node:` module, no key ring, and no package but `ulid`
 * (what the services' shared context imports); it runs wherever the core runs.
 */
const ENTRY_REACH: Record<string, { readonly parts: readonly string[]; readonly packages: readonly string[] }> = {
  'capabilities.ts': { parts: ['domain', 'policy', 'ports', 'services'], packages: ['ulid'] },
};

/** The file a relative specifier names. */
function resolveSource(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
}

/** Every file of `src/` an entry point reaches, and every package it names on the way. */
function reach(entry: string): { readonly files: readonly string[]; readonly packages: readonly string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) visit(resolveSource(file, specifier));
      else packages.add(specifier);
    }
  };
  visit(join(SRC, entry));
  return { files: [...files].map((file) => relative(SRC, file)), packages: [...packages] };
}

describe('architecture', () => {
  it('every import of src/ goes down the layers: domain ← policy, ports ← services ← adapters ← entry points', () => {
    expect(violations()).toEqual([]);
  });

  it.each(Object.entries(ENTRY_REACH))('the entry point %s reaches only what it may', (entry, allowed) => {
    const { files, packages } = reach(entry);
    const parts = files.filter((file) => file !== entry).map((file) => file.split('/')[0]!);
    expect([...new Set(parts)].filter((part) => !allowed.parts.includes(part))).toEqual([]);
    expect(packages.filter((name) => !allowed.packages.some((allowedName) => name === allowedName || name.startsWith(`${allowedName}/`)))).toEqual([]);
    // The walk follows the services down to the policy it decides by.
    expect(files).toEqual(expect.arrayContaining(['services/capabilities.ts', 'policy/guest-policy.ts', 'policy/invite-policy.ts']));
  });

  it('the check reads imports and re-exports, static and dynamic', () => {
    const probe = join(SRC, 'domain', 'guest-link.ts');
    expect(specifiers(probe).length).toBeGreaterThan(0);
    expect(partOf(join(SRC, 'index.ts'))).toBe('entry');
    expect(partOf(join(SRC, 'adapters', 'http', 'handler.ts'))).toBe('adapters');
  });
});

describe('entry points', () => {
  it('the source tree resolves every entry point of the package, so tests and the demo type-check before a build', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.test.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    const entries = Object.keys(manifest.exports).filter((key) => key !== './package.json').map((key) => (key === '.' ? 'access-links' : `access-links/${key.slice(2)}`));
    expect(Object.keys(config.compilerOptions.paths).sort()).toEqual(entries.sort());
    for (const [name, [path]] of Object.entries(config.compilerOptions.paths)) {
      expect(existsSync(join(root, path!)), name).toBe(true);
    }
  });
});
