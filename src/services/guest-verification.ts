/**
 * Verified addresses (V4): a guest proves the address they type with a one-time code mailed to
 * it before a link that verifies addresses lets them in.
 *
 * Nothing of a verification is stored. `sendGuestCode` judges the join as `joinGuestLink` would
 * (the link, the entry, the form, the domains, the passcode, the host's veto), then signs what
 * the join needs into a token the guest's page keeps, and mails a code derived from that token's
 * id with the same key: the code is never written anywhere, not even as a hash. `verifyGuest`
 * checks the token, counts the try, derives the code again and compares, then joins through the
 * store's atomic step with the verification's id as the session's id, so that any number of
 * calls with the right code make one session and spend one use.
 */
import { reason } from '../domain/reasons';
import { refuse, success, type Result } from '../domain/result';
import { domainAdmitted, guestEmailKey } from '../domain/text';
import type { KeyedLimit } from '../ports/rate-limiter';
import { lookUpEntry, now, port, requireCodeDelivery, type Context } from './context';
import { counted } from './activity';
import { sha256Base64Url } from './digest';
import { join, judgeJoin, judgeLink, type GuestBoundCode, type GuestJoin, type GuestPasscodeCode, type JoinCode, type JoinGuestLinkInput } from './guest-entry';
import type { GuestRefusalCode } from '../policy/guest-policy';
import { InputReader, type InputCode } from './input';
import { encoder, MAC_BYTES, signWith, textMacOf } from './tokens';
import { fromBase64Url, toBase64Url } from './base64url';
import type { KeyRing } from '../ports/key-ring';
import { GUEST_CODE_TRIES, GUEST_CODE_TTL_MS } from '../domain/guest-code-message';
import { headerText } from '../domain/invite-message';


/**
 * What {@link GuestLinks.sendGuestCode} answers: the verification to keep on the guest's page and
 * pass to {@link GuestLinks.verifyGuest} with the code the guest types.
 *
 * @category Guest links
 */
export interface GuestCodeSent {
  /** The verification: an opaque signed text, valid until `expiresAt`. It holds the name and address the guest typed. */
  readonly verification: string;
  /** The address the code went to, as the guest typed it. */
  readonly email: string;
  /** When the code stops working, in milliseconds since the epoch (10 minutes after it was sent). */
  readonly expiresAt: number;
}

/**
 * Input of {@link GuestLinks.verifyGuest}.
 *
 * @category Guest links
 */
export interface VerifyGuestInput {
  /** The verification {@link GuestLinks.sendGuestCode} answered. */
  readonly verification: string;
  /** The code the guest typed: six digits; spaces and dashes between them are ignored. */
  readonly code: string;
  /** The client's key, as in {@link JoinGuestLinkInput.clientKey}: a decline blocks it too. */
  readonly clientKey?: string | null | undefined;
}

/**
 * Refusals of sending a code (V4): one went to the address a moment ago (`CODE_RESEND_TOO_SOON`;
 * its `detail` is the seconds until one more may go), or the mailer failed (`CODE_NOT_SENT`; the
 * guest is told nothing of the mailer's error, which may hold the message). Nothing is spent.
 *
 * @category Guest links
 */
export type GuestCodeSendCode = 'CODE_RESEND_TOO_SOON' | 'CODE_NOT_SENT';

/**
 * Refusals of a code (V4): the verification is not one the library signed
 * (`VERIFICATION_INVALID`), it is over 10 minutes old or had five tries (`CODE_EXPIRED`), or the
 * code is not the one sent (`WRONG_CODE`).
 *
 * @category Guest links
 */
export type GuestCodeCode = 'VERIFICATION_INVALID' | 'CODE_EXPIRED' | 'WRONG_CODE';

/** Codes per address and link: one a minute, five an hour. */
const SENDS: readonly { readonly name: string; readonly limit: { readonly limit: number; readonly windowSeconds: number } }[] = [
  { name: 'minute', limit: { limit: 1, windowSeconds: 60 } },
  { name: 'hour', limit: { limit: 5, windowSeconds: 3_600 } },
];
/** Tries per code: five, and no more over its 10 minutes (one more frees up a day later). */
const TRIES = { limit: GUEST_CODE_TRIES, windowSeconds: 86_400 };

/** @internal */
export async function sendGuestCode(
  context: Context,
  input: JoinGuestLinkInput,
): Promise<Result<GuestCodeSent, JoinCode | GuestCodeSendCode>> {
  const judged = await judgeJoin(context, input, false);
  if (!judged.go) return counted(context, judged.linkId, judged.answer as Result<never, JoinCode>);
  const { mailer, limiter } = requireCodeDelivery(context);
  const { entry, link, guestName, guestEmail, at } = judged;
  // Bounded per address and link, so that no one mails an address over and over through a link.
  const subject = await sha256Base64Url(`${link.id}\n${guestEmailKey(guestEmail)}`);
  const sends: KeyedLimit[] = SENDS.map(({ name, limit }) => ({ key: `guest-code:${name}:${subject.slice(0, 22)}`, limit }));
  const decision = await port('STORAGE_FAILED', () => limiter.consume(sends, at));
  if (!decision.allowed) return refuse([{ ...reason('CODE_RESEND_TOO_SOON'), detail: String(decision.retryAfterSeconds) }]);
  const expiresAt = at + GUEST_CODE_TTL_MS;
  const passcode = await passcodeStamp(link.passcodeHash);
  const { token, code } = await signVerification(context.keyRing, { id: context.newId(at), linkId: link.id, name: guestName, email: guestEmail, expiresAt, passcode });
  try {
    const message = await context.codeMessage({ to: guestEmail, code, guestName, entryTitle: entry.title ?? null, linkName: link.name, expiresAt, now: at });
    await mailer.send({ to: guestEmail, subject: headerText(String(message.subject)), text: String(message.text), html: String(message.html) });
  } catch {
    // Not sent: the sends it counted are given back, so the guest may ask again at once.
    for (const send of sends) await port('STORAGE_FAILED', async () => limiter.refund?.(send, now(context)));
    // The mailer's error is not the guest's to see: it may hold the message, code and all.
    return refuse([reason('CODE_NOT_SENT')]);
  }
  return success({ verification: token, email: guestEmail, expiresAt });
}

/** @internal */
export async function verifyGuest(
  context: Context,
  input: VerifyGuestInput,
): Promise<Result<GuestJoin, InputCode | GuestCodeCode | GuestRefusalCode | GuestBoundCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED'>> {
  const read = new InputReader(input);
  const clientKey = read.clientKey();
  const invalid = read.refusal();
  if (invalid) return invalid;
  const opened = await openVerification(context.keyRing, read.raw('verification'));
  if (opened === null) return refuse([reason('VERIFICATION_INVALID')]);
  // A refusal of a signed verification is counted against its link (A1), unless the link is gone:
  // a deleted link's counts are never read.
  const result = await verifyOpened(context, opened, read.raw('code'), clientKey);
  if (result.ok || !context.countsActivity) return result;
  const link = await port('STORAGE_FAILED', () => context.store.readLink(opened.claims.linkId), context.store.name);
  return counted(context, link === null ? null : opened.claims.linkId, result);
}

/** The rest of {@link verifyGuest}, once the verification is known to be one the library signed. */
async function verifyOpened(
  context: Context,
  { claims, code }: { readonly claims: VerificationClaims; readonly code: string },
  typed: unknown,
  clientKey: string | null,
): Promise<Result<GuestJoin, GuestCodeCode | GuestRefusalCode | GuestBoundCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED'>> {
  const at = now(context);
  if (at >= claims.expiresAt) return refuse([reason('CODE_EXPIRED')]);
  // Each try is counted before it is compared, so tries sent together never pass five; a right
  // one gives its count back.
  const { limiter } = requireCodeDelivery(context);
  const tries: KeyedLimit = { key: `guest-code:try:${claims.id}`, limit: TRIES };
  const decision = await port('STORAGE_FAILED', () => limiter.consume([tries], at));
  if (!decision.allowed) return refuse([reason('CODE_EXPIRED')]);
  if (!sameCode(typed, code)) return refuse([reason('WRONG_CODE')]);
  await port('STORAGE_FAILED', async () => limiter.refund?.(tries, at));
  // The right code again, after it let the guest in: the session as it stands, nothing spent,
  // even if the link has died since (G9).
  const stored = await port('STORAGE_FAILED', () => context.store.readSession(claims.id), context.store.name);
  if (stored !== null && stored.session.linkId === claims.linkId) {
    const { entry } = await lookUpEntry(context, stored.session.entryId);
    if (entry !== null) {
      return join(context, { id: claims.linkId, name: stored.session.linkName }, entry, {
        guestName: claims.name, guestEmail: claims.email, clientKey, at, passcodeHash: stored.link?.passcodeHash ?? null, verification: claims.id,
      });
    }
  }
  // The link and its entry are judged again, now: the link may have died since the code went,
  // guest access gone off, or the passcode changed (the guest gave the one of that moment).
  const judged = await judgeLink(context, claims.linkId);
  if (!judged.allowed) return refuse(judged.reasons);
  const { entry, link } = judged;
  if (!domainAdmitted(claims.email, link.allowedDomains, link.blockedDomains)) return refuse([reason('EMAIL_DOMAIN_NOT_ALLOWED')]);
  if (link.passcodeHash !== null && (await passcodeStamp(link.passcodeHash)) !== claims.passcode) {
    return refuse([reason(claims.passcode === null ? 'PASSCODE_REQUIRED' : 'WRONG_PASSCODE')]);
  }
  return join(context, link, entry, { guestName: claims.name, guestEmail: claims.email, clientKey, at, passcodeHash: link.passcodeHash, verification: claims.id });
}

/** What a verification keeps of the link's passcode hash when its code is sent: a digest, so that a later change is seen. */
async function passcodeStamp(passcodeHash: string | null): Promise<string | null> {
  return passcodeHash === null ? null : (await sha256Base64Url(passcodeHash)).slice(0, 22);
}

/** Whether a typed code is the one sent: six digits, spaces and dashes between them ignored; compared in constant time. */
function sameCode(typed: unknown, code: string): boolean {
  if (typeof typed !== 'string' || typed.length > 40) return false;
  const digits = typed.replace(/[\s-]/gu, '');
  if (!/^[0-9]{6}$/u.test(digits)) return false;
  let difference = 0;
  for (let i = 0; i < 6; i += 1) difference |= digits.charCodeAt(i) ^ code.charCodeAt(i);
  return difference === 0;
}

/**
 * A guest's verification (V4): `v1.<payload>.<key id>.<MAC>`, the payload the base64url
 * of JSON `[id, linkId, name, email, expiresAt, passcode]` (`passcode`: a digest of the link's
 * passcode hash when the code was sent, or `null`). Nothing of it is stored: the token carries
 * what the join needs, and the code is derived from its id with the same key, never kept.
 */
const VERIFICATION = /^v1\.([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;
const verificationText = (payload: string, keyId: string) => `access-links/guest-verification/v1\n${payload}\n${keyId}`;
const codeText = (id: string) => `access-links/guest-code/v1\n${id}`;

/** What a verification token carries. */
interface VerificationClaims {
  readonly id: string;
  readonly linkId: string;
  readonly name: string;
  readonly email: string;
  readonly expiresAt: number;
  readonly passcode: string | null;
}

/** Signs a verification's claims and derives its code, both with the ring's signing key. */
async function signVerification(keyRing: KeyRing, claims: VerificationClaims): Promise<{ token: string; code: string }> {
  const payload = toBase64Url(encoder.encode(JSON.stringify([claims.id, claims.linkId, claims.name, claims.email, claims.expiresAt, claims.passcode])));
  const { keyId, mac } = await signWith(keyRing, (keyId) => verificationText(payload, keyId), 'a verification');
  return { token: `v1.${payload}.${keyId}.${toBase64Url(mac)}`, code: await codeOf(keyRing, keyId, claims.id) };
}

/** The claims and code of a verification token this ring signed; `null` for anything else. */
async function openVerification(keyRing: KeyRing, token: unknown): Promise<{ claims: VerificationClaims; code: string } | null> {
  if (typeof token !== 'string') return null;
  const match = VERIFICATION.exec(token);
  if (match === null) return null;
  const [, payload, keyId, mac] = match as unknown as [string, string, string, string];
  const signature = fromBase64Url(mac);
  if (signature === null || signature.byteLength !== MAC_BYTES) return null;
  try {
    if ((await keyRing.verify(keyId, encoder.encode(verificationText(payload, keyId)), signature)) !== true) return null;
    const bytes = fromBase64Url(payload);
    const fields: unknown = bytes === null ? null : JSON.parse(new TextDecoder().decode(bytes));
    if (!Array.isArray(fields) || fields.length !== 6) return null;
    const [id, linkId, name, email, expiresAt, passcode] = fields as unknown[];
    if (typeof id !== 'string' || typeof linkId !== 'string' || typeof name !== 'string' || typeof email !== 'string') return null;
    if (typeof expiresAt !== 'number' || (passcode !== null && typeof passcode !== 'string')) return null;
    return { claims: { id, linkId, name, email, expiresAt, passcode }, code: await codeOf(keyRing, keyId, id) };
  } catch {
    return null;
  }
}

/** Six digits from the MAC of the verification's id: 40 bits of it, so the spread is even to 1 in 10^6. */
async function codeOf(keyRing: KeyRing, keyId: string, id: string): Promise<string> {
  const fast = textMacOf(keyRing);
  const mac = fast === undefined ? await keyRing.sign(keyId, encoder.encode(codeText(id))) : fast.sign(keyId, codeText(id));
  const value = mac[0]! * 2 ** 32 + ((mac[1]! << 24) >>> 0) + (mac[2]! << 16) + (mac[3]! << 8) + mac[4]!;
  return String(value % 1_000_000).padStart(6, '0');
}
