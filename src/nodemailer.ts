/**
 * A mailer over nodemailer, for Node: send invites over SMTP or any provider's nodemailer
 * transport. Kept apart so that nothing else of the library loads Node-only code.
 *
 * @example
 * ```ts
 * import { createNodemailerMailer } from 'access-links/nodemailer';
 * const mailer = createNodemailerMailer({ transport: 'smtps://user:pass@smtp.example.org', from: 'Media <no-reply@media.example.org>' });
 * ```
 *
 * @module access-links/nodemailer
 */
export { createNodemailerMailer } from './adapters/nodemailer/mailer';
export type { NodemailerMailerOptions, NodemailerSendInfo, NodemailerTransportLike } from './adapters/nodemailer/mailer';
export type { MailMessage, Mailer } from './ports/mailer';
