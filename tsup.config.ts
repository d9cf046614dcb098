import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    invites: 'src/invites.ts',
    capabilities: 'src/capabilities.ts',
    http: 'src/http.ts',
    format: 'src/format.ts',
    nodemailer: 'src/nodemailer.ts',
    events: 'src/events.ts',
    webhooks: 'src/webhooks.ts',
    memory: 'src/memory.ts',
    postgres: 'src/postgres.ts',
    redis: 'src/redis.ts',
    schemas: 'src/schemas.ts',
    testing: 'src/testing.ts',
  },
  external: ['nodemailer'],
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: the shipped code is not minified, keeps its names and reads as the source
  // does, so a stack trace is readable as it is; maps with the sources inside were most of the
  // package's size, and maps without them would point at files the package does not ship.
  sourcemap: false,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  silent: true,
  esbuildPlugins: [
    {
      // The OpenAPI document's parts, as one JSON text parsed once: a third of the bytes of the
      // object literal esbuild would print, and quicker to load.
      name: 'compact-json',
      setup(build) {
        build.onLoad({ filter: /openapi-parts\.json$/ }, (args) => {
          const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
          // In single quotes, the JSON's own double quotes need no escape.
          const literal = `'${text.replace(/[\\'\u2028\u2029]/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
          return { contents: `export default JSON.parse(${literal});`, loader: 'js' };
        });
      },
    },
  ],
});
