// Refreshes the screenshots in docs/images/: runs the browser tests with their screenshots
// written there instead of the ignored .cache/screenshots/ that `npm test` uses.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ACCESS_LINKS_SCREENSHOTS: 'docs' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npm', ['run', 'build', '--silent']);
run('npx', ['vitest', 'run', 'test/browser.test.ts']);
