// Are the types wrong? Asks @arethetypeswrong for every entry point and prints one verdict per
// resolution the package supports: node16 (ESM and CommonJS) and bundlers. node10, which cannot
// read an `exports` map, is out of scope and not reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SUPPORTED = ['node16-esm', 'node16-cjs', 'bundler'];
// Into a file, not a pipe: a large report written to a pipe is cut off when attw exits.
const dir = mkdtempSync(join(tmpdir(), 'attw-'));
const report = join(dir, 'report.json');
try {
  execFileSync('sh', ['-c', `npx attw --pack . --format json > "${report}"`], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
} catch {
  // attw exits non-zero when it finds a problem of any resolution; the report says which.
}
const { analysis } = JSON.parse(readFileSync(report, 'utf8'));
rmSync(dir, { recursive: true, force: true });
const problems = analysis.problems.filter((problem) => !problem.resolutionKind || SUPPORTED.includes(problem.resolutionKind));
const entrypoints = Object.keys(analysis.entrypoints).filter((entry) => entry !== './package.json');
if (problems.length > 0) {
  for (const problem of problems) console.error(`types: ${problem.entrypoint ?? ''} ${problem.resolutionKind ?? ''}: ${problem.kind}`);
  process.exit(1);
}
console.log(`types: ${entrypoints.length} entry points (${entrypoints.join(', ')}) resolve with their own types under node16 ESM, node16 CommonJS and bundlers`);
