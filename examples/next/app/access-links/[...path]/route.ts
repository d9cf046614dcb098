/**
 * access-links in a Next.js App Router app: one catch-all route handler at
 * `app/access-links/[...path]/route.ts` answers every route under `/access-links` (the handler's
 * default base path) with the Web-standard handler, for every method.
 */
import type { NextRequest } from 'next/server';
import { handler } from '../../../../access-links'; // in your app: the module that creates the handler once

// The handler reads cookies and answers per request: never cached, on the Node.js runtime (or 'edge').
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function accessLinks(request: NextRequest, _context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return handler(request);
}

export { accessLinks as DELETE, accessLinks as GET, accessLinks as HEAD, accessLinks as OPTIONS, accessLinks as PATCH, accessLinks as POST, accessLinks as PUT };
