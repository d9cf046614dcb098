import { AccessLinksError } from '../../domain/errors';
import type { Mailer } from '../../ports/mailer';

/**
 * What the adapter needs of a nodemailer transporter (what `nodemailer.createTransport`
 * returns): `sendMail`, answering the accepted and rejected recipients.
 *
 * @category Mail
 */
export interface NodemailerTransportLike {
  /**
   * Sends one message.
   * @param mail - the message, in nodemailer's fields.
   * @returns what the transport reports; `rejected` lists recipients it refused.
   * @example
   * ```ts
   * const info = await transport.sendMail({ from: 'media@example.org', to: 'ada@example.org', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
   * ```
   */
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    headers?: Record<string, string>;
  }): Promise<NodemailerSendInfo>;
}

/**
 * What a nodemailer transport reports for one message; the adapter reads `rejected` alone.
 *
 * @category Mail
 */
export interface NodemailerSendInfo {
  /** The recipients the server refused. */
  readonly rejected?: readonly unknown[] | undefined;
  /** Whatever else the transport reports (`messageId`, `accepted`, `response`, …). */
  readonly [key: string]: unknown;
}

/**
 * Options of {@link createNodemailerMailer}.
 *
 * @category Mail
 */
export interface NodemailerMailerOptions {
  /**
   * A nodemailer transporter, or what `nodemailer.createTransport` takes (an SMTP URL such as
   * `smtps://user:pass@smtp.example.org`, or transport options), in which case nodemailer is
   * loaded when the first message is sent: install it next to this package.
   */
  readonly transport: NodemailerTransportLike | string | Record<string, unknown>;
  /** The sender, as `'Media <no-reply@media.example.org>'`. */
  readonly from: string;
  /**
   * Extra headers of every message (`List-Unsubscribe`, a tag for the provider, …). Values
   * with a line break are refused.
   * @defaultValue `{ 'Auto-Submitted': 'auto-generated' }`
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * A {@link Mailer} over a nodemailer transport: SMTP, or any provider nodemailer has a transport
 * for. Node only. A message the transport rejects for its recipient counts as not sent, so the
 * invite keeps the failure and can be resent.
 *
 * @param options - the transport and the sender.
 * @returns the mailer.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` when the sender or a header is not usable.
 *
 * @example
 * ```ts
 * import { createNodemailerMailer } from 'access-links/nodemailer';
 *
 * const mailer = createNodemailerMailer({ transport: process.env.SMTP_URL!, from: 'Media <no-reply@media.example.org>' });
 * const inviteLinks = createInviteLinks({
 *   store: createMemoryInviteStore(), // or your database's
 *   directory,
 *   keyRing,
 *   mailer,
 *   inviteUrl: (token) => `https://media.example.org/invite/${token}`,
 * });
 * ```
 *
 * @category Mail
 */
export function createNodemailerMailer(options: NodemailerMailerOptions): Mailer {
  if (typeof options !== 'object' || options === null) throw new AccessLinksError('INVALID_OPTIONS', 'Options are required.');
  const { from } = options;
  if (typeof from !== 'string' || from.trim() === '' || /[\r\n]/u.test(from)) {
    throw new AccessLinksError('INVALID_OPTIONS', 'from must be one line, such as "Media <no-reply@media.example.org>".');
  }
  const headers: Record<string, string> = { ...(options.headers ?? { 'Auto-Submitted': 'auto-generated' }) };
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!-9;-~]+$/u.test(name) || typeof value !== 'string' || /[\r\n]/u.test(value)) {
      throw new AccessLinksError('INVALID_OPTIONS', `headers: ${name} is not a header name with a one-line value.`);
    }
  }
  const given = options.transport;
  if (given === null || (typeof given !== 'string' && typeof given !== 'object')) {
    throw new AccessLinksError('INVALID_OPTIONS', 'transport must be a nodemailer transporter, an SMTP URL or transport options.');
  }
  let transport: Promise<NodemailerTransportLike> | null =
    typeof given === 'object' && typeof (given as Partial<NodemailerTransportLike>).sendMail === 'function'
      ? Promise.resolve(given as NodemailerTransportLike)
      : null;
  const load = async (): Promise<NodemailerTransportLike> => {
    const module = (await import('nodemailer')) as unknown as {
      createTransport?: (options: unknown) => NodemailerTransportLike;
      default?: { createTransport: (options: unknown) => NodemailerTransportLike };
    };
    // Stryker disable next-line LogicalOperator: nodemailer's module has both, and they are one function
    const create = module.createTransport ?? module.default?.createTransport;
    if (create === undefined) throw new AccessLinksError('INVALID_OPTIONS', 'nodemailer has no createTransport.');
    return create(given);
  };
  return {
    async send(message) {
      transport ??= load().catch((error: unknown) => {
        transport = null;
        throw error;
      });
      const info = await (await transport).sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers,
      });
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        throw new Error(`The transport rejected ${message.to}.`);
      }
    },
  };
}
