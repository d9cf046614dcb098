import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', invites: 'src/invites.ts', memory: 'src/memory.ts', postgres: 'src/postgres.ts', schemas: 'src/schemas.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  silent: true,
});
