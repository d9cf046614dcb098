/**
 * access-links in a Fastify 5 app: `toNodeHandler` takes Fastify's request and reply as they are
 * (it takes the reply over and writes Node's response). Fastify's JSON parser runs first; form
 * posts (pages without script) are handed on unread. Run it with
 * `npm run build && npx tsx examples/fastify.ts`.
 */
import Fastify from 'fastify';
import { toNodeHandler } from 'access-links/http';
import { handler, tryIt } from './access-links';

const app = Fastify();
// Fastify answers 415 to a content type it has no parser for: let forms through, unread.
app.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null));
const accessLinks = toNodeHandler(handler); // behind a proxy: toNodeHandler(handler, { origin: 'https://media.example.org' })
app.all('/access-links/*', (request, reply) => accessLinks(request, reply));
app.get('/', async () => 'Your own pages live beside /access-links.');

const address = await app.listen({ port: Number(process.env['PORT'] ?? 3000), host: '127.0.0.1' });
console.log(tryIt(address.replace('127.0.0.1', 'localhost')));
