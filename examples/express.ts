/**
 * access-links in an Express 5 app: `toNodeHandler` turns the Web-standard handler into
 * Express middleware. Mounted under its base path before `express.json()`, so that the handler
 * reads each body itself and every refusal is its own. Run it with
 * `npm run build && npx tsx examples/express.ts`.
 */
import express from 'express';
import { toNodeHandler } from 'access-links/http';
import { handler, tryIt } from './access-links';

const app = express();
// Express strips the mount path from req.url; the handler reads req.originalUrl, so its routes
// stay under /access-links. Behind a proxy, give toNodeHandler your public origin.
app.use('/access-links', toNodeHandler(handler));
app.use(express.json()); // for your own routes
app.get('/', (_req, res) => {
  res.send('Your own pages live beside /access-links.');
});

const server = app.listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  console.log(tryIt(`http://localhost:${typeof address === 'object' && address !== null ? address.port : 3000}`));
});
