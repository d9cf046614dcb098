/**
 * The README's tour is code a user will paste: every `ts` block, in order, must compile
 * against the package's public entry points.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

it('the README tour type-checks', () => {
  const root = new URL('..', import.meta.url).pathname;
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(3);
  // Imports first, then the blocks in order, as one module.
  const code = blocks.join('\n');
  const imports = code.match(/^import [\s\S]*?from '[^']+';$/gm) ?? [];
  const source = [...imports, imports.reduce((rest, statement) => rest.replace(statement, ''), code)].join('\n');
  // Inside the project, so that imports of dependencies (pg) resolve from its node_modules.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'readme-'));
  try {
    const file = join(dir, 'readme.ts');
    writeFileSync(file, `${source}\nexport {};\n`);
    const program = ts.createProgram([file], {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      baseUrl: root,
      paths: {
        'access-links': ['src/index.ts'],
        'access-links/invites': ['src/invites.ts'],
        'access-links/memory': ['src/memory.ts'],
        'access-links/postgres': ['src/postgres.ts'],
      },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
