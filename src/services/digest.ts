/**
 * SHA-256 of text, base64url: through `node:crypto` where the runtime has it (found at run time,
 * so no bundle sees a `node:` import), else Web Crypto. For the stored form of client keys and
 * the HTTP layer's cookie names and rate-limit keys.
 */
import { toBase64Url } from './base64url';

type Hash = (text: string) => Uint8Array;

let native: Hash | null | undefined;

function nativeHash(): Hash | null {
  if (native !== undefined) return native;
  native = null;
  // Stryker disable next-line BlockStatement: without the native hash, Web Crypto gives the same digest
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const module = runtime?.getBuiltinModule?.('node:crypto') as
      | { createHash?: (algorithm: 'sha256') => { update(text: string, encoding: 'utf8'): { digest(): Uint8Array } } }
      | undefined;
    const createHash = module?.createHash;
    if (typeof createHash === 'function') native = (text) => createHash('sha256').update(text, 'utf8').digest();
  } catch {
    native = null;
  }
  return native;
}

const encoder = new TextEncoder();

/** @internal The SHA-256 of the UTF-8 of `text`, base64url without padding. */
export async function sha256Base64Url(text: string): Promise<string> {
  const hash = nativeHash();
  if (hash !== null) return toBase64Url(hash(text));
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}
