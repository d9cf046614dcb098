/**
 * access-links in a Fastify 5 app: `toNodeHandler` takes Fastify's request and reply as they are
 * (it takes the reply over and writes Node's response). In a scope of its own Fastify's parsers
 * are taken away and every body is handed on unread, so that the handler reads it and every
 * refusal is its own. Run it with `npm run build && npx tsx examples/fastify.ts`.
 */
import Fastify from 'fastify';
import { toNodeHandler } from 'access-links/http';
import { handler, tryIt } from './access-links';

const app = Fastify();
await app.register(async (scope) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const accessLinks = toNodeHandler(handler); // behind a proxy: toNodeHandler(handler, { origin: 'https://media.example.org' })
  scope.all('/access-links/*', (request, reply) => accessLinks(request, reply));
});
app.get('/', async () => 'Your own pages live beside /access-links.');

const address = await app.listen({ port: Number(process.env['PORT'] ?? 3000), host: '127.0.0.1' });
console.log(tryIt(address.replace('127.0.0.1', 'localhost')));
