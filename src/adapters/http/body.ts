/** Reading a request's body: size limit, content type, JSON or an URL-encoded form. */
import type { HttpErrorCode } from './status';

/** @internal What a body read yields: the fields, whether it came from a form, or why it cannot be read. */
export type BodyRead =
  | { readonly ok: true; readonly fields: Record<string, unknown>; readonly form: boolean }
  | { readonly ok: false; readonly code: HttpErrorCode; readonly message?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** @internal What the body reader is told: the most bytes it reads, and for how long. */
export interface BodyLimits {
  /** The most bytes read; a longer body answers 413. */
  readonly maxBytes: number;
  /** How long the whole body may take to arrive, in milliseconds; then 408. */
  readonly timeoutMs: number;
}

type Refused = { readonly code: HttpErrorCode; readonly message?: string };

/**
 * @internal Reads the body as UTF-8 text, as it streams, counting: it stops at `maxBytes`, and
 * at the `Content-Length` a request declares (a body longer or shorter than declared is
 * malformed), so no more than that is ever held; and it gives up when the body has not all
 * arrived within `timeoutMs`.
 */
async function readText(request: Request, { maxBytes, timeoutMs }: BodyLimits): Promise<string | Refused> {
  const header = request.headers.get('content-length');
  if (header !== null && !/^\d{1,15}$/.test(header.trim())) return { code: 'MALFORMED_BODY' };
  const declared = header === null ? null : Number(header);
  if (declared !== null && declared > maxBytes) return { code: 'PAYLOAD_TOO_LARGE' };
  const longer: Refused = { code: 'MALFORMED_BODY', message: 'The body is longer than its Content-Length.' };
  const shorter: Refused = { code: 'MALFORMED_BODY', message: 'The body is shorter than its Content-Length.' };
  if (request.body === null) return declared === null || declared === 0 ? '' : shorter;
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const stop = (refused: Refused): Refused => {
    // Not awaited: a source that never settles its cancel must not hold the answer.
    reader.cancel().catch(() => undefined);
    return refused;
  };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array> | 'timeout';
      try {
        next = await Promise.race([reader.read(), timeout]);
      } catch {
        return stop({ code: 'MALFORMED_BODY' }); // the client went away, or the stream broke
      }
      if (next === 'timeout') return stop({ code: 'REQUEST_TIMEOUT' });
      if (next.done) break;
      size += next.value.byteLength;
      if (declared !== null && size > declared) return stop(longer);
      if (size > maxBytes) return stop({ code: 'PAYLOAD_TOO_LARGE' });
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  if (declared !== null && size < declared) return shorter;
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
export async function readBody(request: Request, limits: BodyLimits): Promise<BodyRead> {
  const text = await readText(request, limits);
  if (typeof text !== 'string') return { ok: false, ...text };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // An empty form is read below, as any form.
  if (text === '' && (type === '' || type === 'application/json')) {
    return {
      ok: true,
      fields: Object.create(null) as Record<string, unknown>,
      // Stryker disable next-line BooleanLiteral: an empty body has no next, back or _method, so reading it as a form changes nothing
      form: false,
    };
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
    // Items are separated by commas, semicolons or lines; by spaces only where every word is an
    // address ("a@x.org b@y.org"), so that "not an address" is one item refused, not three.
    const items = (piece: string) => {
      const words = piece.trim().split(/\s+/u);
      return words.every((word) => word.includes('@')) ? words : [piece.trim()];
    };
    return values.flatMap((item) => (typeof item === 'string' ? item.split(/[,;\r\n]+/u).flatMap(items).filter((part) => part !== '') : [item]));
  },
  text(value: unknown): unknown {
    return Array.isArray(value) ? value[value.length - 1] : value;
  },
} as const;
