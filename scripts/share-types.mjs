// After the build: one set of declarations for both module formats. tsup writes each set twice,
// as .d.cts (CommonJS) and .d.ts (ESM), which would make the declarations half of the package.
// An ES module may take its types from a CommonJS one (the other way round is not allowed), so
// each ESM entry's .d.ts becomes `export * from './<entry>.cjs'`, whose types TypeScript reads
// from <entry>.d.cts, and the ESM copies of the shared declaration chunks go.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const { exports } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const entries = new Set(
  Object.values(exports)
    .map((target) => target?.import?.types)
    .filter((types) => typeof types === 'string')
    .map((types) => types.replace(/^\.\/dist\//, '')),
);
for (const file of readdirSync(dist)) {
  if (!file.endsWith('.d.ts')) continue;
  if (entries.has(file)) {
    writeFileSync(new URL(file, dist), `export * from './${file.replace(/\.d\.ts$/, '.cjs')}';\n`);
  } else {
    rmSync(new URL(file, dist));
  }
}
for (const file of entries) readFileSync(new URL(file.replace(/\.d\.ts$/, '.d.cts'), dist)); // each has its CommonJS twin
