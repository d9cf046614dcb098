// Are the types wrong? Asks @arethetypeswrong for every entry point and prints one verdict per
// resolution the package supports: node16 (ESM and CommonJS) and bundlers. node10, which cannot
// read an `exports` map, is out of scope and not reported.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SUPPORTED = ['node16-esm', 'node16-cjs', 'bundler'];
let output;
try {
  output = execFileSync('npx', ['attw', '--pack', '.', '--format', 'json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
} catch (error) {
  output = error.stdout; // attw exits non-zero when it finds a problem of any resolution
}
const { analysis } = JSON.parse(output);
const problems = analysis.problems.filter((problem) => !problem.resolutionKind || SUPPORTED.includes(problem.resolutionKind));
const entrypoints = Object.keys(analysis.entrypoints).filter((entry) => entry !== './package.json');
if (problems.length > 0) {
  for (const problem of problems) console.error(`types: ${problem.entrypoint ?? ''} ${problem.resolutionKind ?? ''}: ${problem.kind}`);
  process.exit(1);
}
console.log(`types: ${entrypoints.length} entry points (${entrypoints.join(', ')}) resolve with their own types under node16 ESM, node16 CommonJS and bundlers`);
