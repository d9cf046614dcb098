/**
 * The key ring's and the nodemailer mailer's refusals, each in its own words, and the paths the
 * round-trip tests do not take: a transporter of the host's, a transport that rejects, a MAC of
 * the wrong length, the order of the ring's keys.
 */
import { describe, expect, it, vi } from 'vitest';
import { createKeyRing, generateSecret } from '../src/index';
import { createNodemailerMailer, type NodemailerTransportLike } from '../src/nodemailer';
import { nativeHmac } from '../src/adapters/crypto/native-hmac';

const SECRET = 'x8JQk2vN5rT1wZ9pL4mA7cE3bH6dF0gY2sU5iO8qW1e';

async function refusal(make: () => unknown): Promise<[string, string]> {
  try {
    await make();
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return [code, message];
  }
  throw new Error('expected a refusal');
}

describe('createKeyRing refuses, in so many words', () => {
  it('no key, a key that is not one, a bad id, a twice-given id, an unknown signWith', async () => {
    expect(await refusal(() => createKeyRing({ keys: [] }))).toEqual(['INVALID_KEY', 'A key ring needs a key.']);
    expect(await refusal(() => createKeyRing({ keys: [null as never] }))).toEqual(['INVALID_KEY', 'A key id must be 1 to 32 of A-Z a-z 0-9 _ -.']);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'no spaces', secret: SECRET }] }))).toEqual([
      'INVALID_KEY',
      'A key id must be 1 to 32 of A-Z a-z 0-9 _ -.',
    ]);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 7 as never, secret: SECRET }] }))).toEqual([
      'INVALID_KEY',
      'A key id must be 1 to 32 of A-Z a-z 0-9 _ -.',
    ]);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: SECRET }, { id: 'k', secret: SECRET }] }))).toEqual([
      'INVALID_KEY',
      'Key k is there twice.',
    ]);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: SECRET }], signWith: 'other' }))).toEqual(['INVALID_KEY', 'No key other.']);
  });

  it('a secret too short, not bytes, of few values, or a short pattern repeated', async () => {
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: 'short' }] }))).toEqual(['INVALID_KEY', 'Key k is under 32 bytes.']);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: 42 as never }] }))).toEqual(['INVALID_KEY', 'Key k is under 32 bytes.']);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: 'abcdefg'.repeat(6) }] }))).toEqual([
      'INVALID_KEY',
      'Key k is made of fewer than 8 different bytes: use random bytes.',
    ]);
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: 'abcdefghi'.repeat(4) }] }))).toEqual([
      'INVALID_KEY',
      'Key k is a pattern of 9 bytes repeated: use random bytes.',
    ]);
    // Eight values are enough, and a pattern longer than 16 bytes is not taken for one.
    await expect(createKeyRing({ keys: [{ id: 'k', secret: 'abcdefgh'.repeat(4) + 'a' }] })).rejects.toThrow('a pattern of 8 bytes');
    await expect(createKeyRing({ keys: [{ id: 'k', secret: 'abcdefghijklmnopq'.repeat(2) }] })).resolves.toBeDefined();
    // A pattern of exactly 16 bytes is the longest taken for one.
    expect(await refusal(() => createKeyRing({ keys: [{ id: 'k', secret: 'abcdefghijklmnop'.repeat(2) }] }))).toEqual([
      'INVALID_KEY',
      'Key k is a pattern of 16 bytes repeated: use random bytes.',
    ]);
  });

  it('no options at all', async () => {
    expect(await refusal(() => createKeyRing(undefined as never))).toEqual(['INVALID_KEY', 'A key ring needs a key.']);
    expect(await refusal(() => createKeyRing(null as never))).toEqual(['INVALID_KEY', 'A key ring needs a key.']);
  });

  it('retiring the signing key or a key it does not hold, signing with a key it does not hold', async () => {
    for (const hmac of ['native', 'web-crypto'] as const) {
      const ring = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }, { id: '2026-11', secret: generateSecret() }], hmac });
      expect(await refusal(() => ring.retire('k1'))).toEqual(['INVALID_KEY', 'The signing key cannot be retired.']);
      // A mistyped id is refused, and the key it meant still verifies until it is retired.
      expect(await refusal(() => ring.retire('2026-1'))).toEqual(['INVALID_KEY', 'No key 2026-1.']);
      expect(ring.ids()).toEqual(['k1', '2026-11']);
      ring.retire('2026-11');
      expect(await refusal(() => ring.retire('2026-11'))).toEqual(['INVALID_KEY', 'No key 2026-11.']);
      expect(await refusal(() => ring.sign('k9', new Uint8Array(1)))).toEqual(['KEY_RING_FAILED', 'The key ring has no key k9.']);
    }
  });
});

describe('a key ring at work', () => {
  it('names its keys signing key first, through rotations and retirements', async () => {
    const ring = await createKeyRing({ keys: [{ id: 'a', secret: SECRET }, { id: 'b', secret: generateSecret() }], signWith: 'b' });
    expect(ring.ids()).toEqual(['b', 'a']);
    await ring.rotate({ id: 'c', secret: generateSecret() });
    expect(ring.ids()).toEqual(['c', 'a', 'b']);
    ring.retire('a');
    expect(ring.ids()).toEqual(['c', 'b']);
  });

  it('verifies a MAC of the wrong length as false, never as an error, with either HMAC', async () => {
    for (const hmac of ['native', 'web-crypto'] as const) {
      const ring = await createKeyRing({ keys: [{ id: 'k', secret: SECRET }], hmac });
      const data = new TextEncoder().encode('text');
      const mac = await ring.sign('k', data);
      expect(await ring.verify('k', data, mac)).toBe(true);
      expect(await ring.verify('k', data, mac.subarray(0, 31))).toBe(false);
      expect(await ring.verify('k', data, new Uint8Array([...mac, 0]))).toBe(false);
      expect(await ring.verify('unknown', data, mac)).toBe(false);
    }
  });

  it("the native HMAC's comparison is false for MACs of different lengths", () => {
    const native = nativeHmac();
    expect(native).not.toBeNull();
    expect(native!.equal(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
    expect(native!.equal(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(native!.equal(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
  });

  it('is Web Crypto when the runtime has no node:crypto, or looking for it throws', async () => {
    const lookUp = vi.spyOn(process, 'getBuiltinModule');
    try {
      lookUp.mockImplementation(() => {
        throw new Error('no built-ins here');
      });
      expect(nativeHmac()).toBeNull();
      expect((await createKeyRing({ keys: [{ id: 'k', secret: SECRET }] })).hmac()).toBe('web-crypto');
      lookUp.mockImplementation(() => undefined as never);
      expect(nativeHmac()).toBeNull();
      // A module with only one of the two functions the native HMAC needs is not used either.
      lookUp.mockImplementation(() => ({ createHmac: () => undefined }) as never);
      expect(nativeHmac()).toBeNull();
      lookUp.mockImplementation(() => ({ timingSafeEqual: () => true }) as never);
      expect(nativeHmac()).toBeNull();
    } finally {
      lookUp.mockRestore();
    }
    expect((await createKeyRing({ keys: [{ id: 'k', secret: SECRET }] })).hmac()).toBe('native');
  });
});

describe('createNodemailerMailer', () => {
  const message = { to: 'ada@example.org', subject: 'S', text: 'T', html: '<p>T</p>' };
  const transporter = (rejected: unknown = []) => {
    const sendMail = vi.fn(async () => ({ rejected }));
    return { transport: { sendMail } as unknown as NodemailerTransportLike, sendMail };
  };

  it('refuses options it cannot work with, each in its own words', async () => {
    const { transport } = transporter();
    expect(await refusal(() => createNodemailerMailer(null as never))).toEqual(['INVALID_OPTIONS', 'Options are required.']);
    expect(await refusal(() => createNodemailerMailer('smtp://x' as never))).toEqual(['INVALID_OPTIONS', 'Options are required.']);
    const fromProblem = ['INVALID_OPTIONS', 'from must be one line, such as "Media <no-reply@media.example.org>".'];
    for (const from of [undefined, 7, '', '   ', 'A <a@x.org>\nBcc: b@x.org', 'A <a@x.org>\rX']) {
      expect(await refusal(() => createNodemailerMailer({ transport, from } as never)), JSON.stringify(from)).toEqual(fromProblem);
    }
    for (const [name, value] of [
      ['X Name', 'v'],
      ['X:Name', 'v'],
      ['', 'v'],
      ['X-Name', 7],
      ['X-Name', 'a\nb'],
      ['X-Name', 'a\rb'],
    ] as const) {
      expect(await refusal(() => createNodemailerMailer({ transport, from: 'a@x.org', headers: { [name]: value as string } }))).toEqual([
        'INVALID_OPTIONS',
        `headers: ${name} is not a header name with a one-line value.`,
      ]);
    }
    const transportProblem = ['INVALID_OPTIONS', 'transport must be a nodemailer transporter, an SMTP URL or transport options.'];
    for (const bad of [null, undefined, 7, true, () => null]) {
      expect(await refusal(() => createNodemailerMailer({ transport: bad as never, from: 'a@x.org' })), String(bad)).toEqual(transportProblem);
    }
  });

  it("sends through the host's transporter as it is, with the default header or the host's own", async () => {
    const { transport, sendMail } = transporter();
    await createNodemailerMailer({ transport, from: 'Media <no-reply@x.org>' }).send(message);
    expect(sendMail).toHaveBeenCalledWith({ from: 'Media <no-reply@x.org>', ...message, headers: { 'Auto-Submitted': 'auto-generated' } });
    await createNodemailerMailer({ transport, from: 'a@x.org', headers: { 'X-Entry': 'room-1' } }).send(message);
    expect(sendMail).toHaveBeenLastCalledWith({ from: 'a@x.org', ...message, headers: { 'X-Entry': 'room-1' } });
  });

  it('throws when the transport says it rejected the recipient, and not otherwise', async () => {
    await expect(createNodemailerMailer({ transport: transporter(['ada@example.org']).transport, from: 'a@x.org' }).send(message)).rejects.toThrow(
      'The transport rejected ada@example.org.',
    );
    await expect(createNodemailerMailer({ transport: transporter([]).transport, from: 'a@x.org' }).send(message)).resolves.toBeUndefined();
    await expect(createNodemailerMailer({ transport: transporter(undefined).transport, from: 'a@x.org' }).send(message)).resolves.toBeUndefined();
  });

  it('makes a transporter from transport options once, on the first send', async () => {
    const mailer = createNodemailerMailer({ transport: { jsonTransport: true }, from: 'a@x.org' });
    await expect(mailer.send(message)).resolves.toBeUndefined();
    await expect(mailer.send(message)).resolves.toBeUndefined();
  });
});
