/**
 * Finds the examples of the docs: each `@example` of a documented export in src/, and the
 * README's `ts` blocks (one tour, in order, as a user would paste them).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One example, ready to be written as a module. */
export interface Example {
  /** Where it comes from: a source file or the README. */
  readonly source: string;
  /** What it documents. */
  readonly name: string;
  /** A file name for it, unique. */
  readonly file: string;
  /** The code. */
  readonly code: string;
  /**
   * Whether it is compiled only, not run: it needs a PostgreSQL or Redis server, or registers tests with
   * a test runner of its own (`node:test`, `vitest`).
   */
  readonly needsDatabase: boolean;
}

// Registers tests with a runner of its own, or serves on another runtime or a port: compiled only.
const OWN_RUNNER = /from '(node:test|vitest)'|\b(Bun|Deno)\.serve\b|\bserve\(\{|\.listen\(/;
const NEEDS_DATABASE = /\bpg\.Pool\b|\bpostgres\(|\bfromPg\(|\bfromPostgres\(|\bmigrate\(|\bcreatePostgres\w*\(|\bclient\b|\bpool\b|\bcreateClient\(|\bnew Redis\(|\bfromNodeRedis\(|\bfromIoredis\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The fenced `ts` blocks of a text. */
function fences(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** What a doc comment documents: the name declared right after it. */
function documented(after: string): string {
  const match =
    /^\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function|const|class|interface|type)\s+(\w+)/.exec(after) ??
    /^\s*(?:static\s+)?(?:readonly\s+)?(?:async\s+)?(\w+)\??\s*[(:<]/.exec(after);
  return match?.[1] ?? 'unknown';
}

/** Every example of the docs. */
export function collectExamples(root: string): Example[] {
  const examples: Example[] = [];
  const add = (source: string, name: string, code: string, needsDatabase: boolean) =>
    examples.push({ source, name, file: `ex-${String(examples.length).padStart(3, '0')}`, code, needsDatabase });

  for (const path of sourceFiles(join(root, 'src')).sort()) {
    const text = readFileSync(path, 'utf8');
    const source = relative(root, path);
    for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const body = comment[1]!.replace(/^[ \t]*\* ?/gm, '');
      if (/@internal\b/.test(body) || !/@example\b/.test(body)) continue;
      const name = documented(text.slice(comment.index! + comment[0].length, comment.index! + comment[0].length + 300));
      const example = body.slice(body.indexOf('@example'));
      for (const code of fences(example)) {
        add(source, name, code, source.includes('postgres') || NEEDS_DATABASE.test(code) || OWN_RUNNER.test(code));
      }
    }
  }

  // The README and each guide: its blocks in order, as one program a reader would paste.
  const tour = (parts: string[]) => {
    const code = parts.join('\n');
    const imports = code.match(/^import [\s\S]*?from '[^']+';$/gm) ?? [];
    return [...imports, imports.reduce((rest, statement) => rest.replace(statement, ''), code)].join('\n');
  };
  const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
  for (const source of ['README.md', ...guides.sort()]) {
    const blocks = fences(readFileSync(join(root, source), 'utf8'));
    if (blocks.length === 0) continue;
    const offline = blocks.filter((b) => !NEEDS_DATABASE.test(b) && !OWN_RUNNER.test(b));
    add(source, 'the whole page', tour(blocks), offline.length < blocks.length);
    if (offline.length > 0 && offline.length < blocks.length) add(source, 'the page without PostgreSQL', tour(offline), false);
  }
  return examples;
}
