/** Reading a request's body: size limit, content type, JSON or an URL-encoded form. */
import type { HttpErrorCode } from './status';

/** @internal What a body read yields: the fields, whether it came from a form, or why it cannot be read. */
export type BodyRead =
  | { readonly ok: true; readonly fields: Record<string, unknown>; readonly form: boolean }
  | { readonly ok: false; readonly code: HttpErrorCode; readonly message?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** @internal Reads the body as UTF-8 text of at most `max` bytes, without buffering more than that. */
async function readText(request: Request, max: number): Promise<string | { code: HttpErrorCode }> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > max)) {
    return { code: /^\d+$/.test(declared.trim()) ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_BODY' };
  }
  if (request.body === null) return '';
  if (declared !== null) {
    // The declared length is within the limit; a body longer than it declared is cut off by the
    // runtime, which enforces Content-Length.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > max) return { code: 'PAYLOAD_TOO_LARGE' };
    try {
      return decoder.decode(bytes);
    } catch {
      return { code: 'MALFORMED_BODY' };
    }
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return { code: 'PAYLOAD_TOO_LARGE' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return { code: 'MALFORMED_BODY' };
  }
}

/**
 * @internal Reads a JSON object or an URL-encoded form. An empty body is an empty object; any
 * other content type is refused; a form's repeated field becomes a list.
 */
export async function readBody(request: Request, max: number): Promise<BodyRead> {
  const text = await readText(request, max);
  if (typeof text !== 'string') return { ok: false, code: text.code };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text === '' && (type === '' || type === 'application/json' || type === 'application/x-www-form-urlencoded')) {
    return { ok: true, fields: Object.create(null) as Record<string, unknown>, form: type === 'application/x-www-form-urlencoded' };
  }
  if (type === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, code: 'MALFORMED_BODY', message: 'The body is not valid JSON.' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { ok: false, code: 'MALFORMED_BODY', message: 'The body must be one JSON object.' };
    }
    return { ok: true, fields: parsed as Record<string, unknown>, form: false };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const fields = Object.create(null) as Record<string, unknown>;
    new URLSearchParams(text).forEach((value, key) => {
      const known = fields[key];
      fields[key] = known === undefined ? value : Array.isArray(known) ? [...(known as unknown[]), value] : [known, value];
    });
    return { ok: true, fields, form: true };
  }
  return { ok: false, code: 'UNSUPPORTED_MEDIA_TYPE' };
}

/** @internal A form's text as the value a JSON client would send: booleans, whole numbers, lists. */
export const formValue = {
  boolean(value: unknown): unknown {
    if (value === 'true' || value === 'on' || value === '1') return true;
    if (value === 'false' || value === 'off' || value === '0' || value === '') return false;
    return value;
  },
  wholeOrNull(value: unknown): unknown {
    if (value === '' || value === undefined) return null;
    return typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  },
  list(value: unknown): unknown {
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap((item) => (typeof item === 'string' ? item.split(/[\s,;]+/u).filter((part) => part !== '') : [item]));
  },
  text(value: unknown): unknown {
    return Array.isArray(value) ? value[value.length - 1] : value;
  },
} as const;
