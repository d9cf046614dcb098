import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    invites: 'src/invites.ts',
    http: 'src/http.ts',
    format: 'src/format.ts',
    nodemailer: 'src/nodemailer.ts',
    memory: 'src/memory.ts',
    postgres: 'src/postgres.ts',
    schemas: 'src/schemas.ts',
    testing: 'src/testing.ts',
  },
  external: ['nodemailer'],
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
