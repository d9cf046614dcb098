/**
 * Every `@example` of the public API and every `ts` block of the README is code a user will
 * paste. Each is type-checked against the built package (strict, as the strictest host would
 * compile it), and run against a fresh in-memory world; only the PostgreSQL ones, which need a
 * database, are compiled and not run. A broken example fails `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectExamples, type Example } from './support/examples';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, '.cache', 'examples');

let examples: Example[] = [];

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) throw new Error('Build the package first (npm run build): the examples compile against it.');
  examples = collectExamples(root);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'globals.d.ts'), globalDeclarations());
  for (const example of examples) writeFileSync(join(work, `${example.file}.ts`), `${example.code}\nexport {};\n`);
});

describe('the examples of the docs', () => {
  it('there is one for every public function and method, and the README has its tour', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').match(/```ts\n/g)?.length).toBeGreaterThan(5);
    expect(examples.filter((e) => e.source === 'README.md')).toHaveLength(2);
    expect(examples.filter((e) => e.source.startsWith('docs/')).length).toBeGreaterThan(3);
    expect(examples.length).toBeGreaterThan(150);
  });

  it('all type-check against the built package, under the strictest flags a host may use', () => {
    const files = examples.map((e) => join(work, `${e.file}.ts`));
    const program = ts.createProgram([join(work, 'globals.d.ts'), ...files], {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      lib: ['lib.es2022.d.ts'],
      typeRoots: [join(root, 'node_modules', '@types')],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${describeFile(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });

  it('all run against a fresh in-memory world, but for those that need a database', () => {
    const runnable = examples.filter((e) => !e.needsDatabase).map((e) => `${e.file}.ts`);
    writeFileSync(join(work, 'runnable.json'), JSON.stringify(runnable));
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'support', 'run-examples.ts'), work], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LINK_SECRET: 'an example secret, comfortably longer than 32 bytes', DATABASE_URL: 'postgres://example' },
    });
    const failures = JSON.parse(output.trim().split('\n').pop()!) as { file: string; error: string }[];
    expect(failures.map((f) => `${describeFile(f.file)}: ${f.error}`)).toEqual([]);
    expect(runnable.length).toBeGreaterThan(100);
  });
});

function describeFile(file: string): string {
  const name = relative(work, file).replace(/\.ts$/, '');
  const example = examples.find((e) => e.file === name);
  return example ? `${example.source} (${example.name})` : name;
}

/**
 * Every export of every entry point, as globals: an example uses the library's names as a
 * host would after importing them, and the world's variables (`guestLinks`, `token`, …).
 */
function globalDeclarations(): string {
  const entries = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.d.ts')).map((f) => f.replace(/\.d\.ts$/, ''));
  const program = ts.createProgram(
    entries.map((e) => join(root, 'dist', `${e}.d.ts`)),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const lines: string[] = ['declare global {'];
  const seen = new Set<string>();
  for (const entry of ['index', ...entries.filter((e) => e !== 'index')]) {
    const file = program.getSourceFile(join(root, 'dist', `${entry}.d.ts`));
    if (!file) continue;
    const specifier = entry === 'index' ? 'access-links' : `access-links/${entry}`;
    for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(file)!)) {
      const name = symbol.getName();
      if (seen.has(name)) continue;
      seen.add(name);
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & ts.SymbolFlags.Value) lines.push(`  const ${name}: typeof import('${specifier}').${name};`);
      if (target.flags & ts.SymbolFlags.Type) {
        const declaration = target.declarations?.[0] as ts.DeclarationWithTypeParameterChildren | undefined;
        const parameters = declaration && 'typeParameters' in declaration ? (declaration.typeParameters ?? []) : [];
        const head = parameters.map((p) => p.getText()).join(', ');
        const names = parameters.map((p) => p.name.getText()).join(', ');
        lines.push(`  type ${name}${head ? `<${head}>` : ''} = import('${specifier}').${name}${names ? `<${names}>` : ''};`);
      }
    }
  }
  lines.push(readFileSync(join(root, 'test', 'support', 'example-world.d.ts.txt'), 'utf8'));
  lines.push('}', 'export {};');
  return lines.join('\n');
}
