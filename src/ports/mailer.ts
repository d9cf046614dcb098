/**
 * One email message. Header fields (`to`, `subject`) never contain CR or LF.
 *
 * @category Ports
 */
export interface MailMessage {
  /** The recipient's address. */
  readonly to: string;
  /** The subject line. */
  readonly subject: string;
  /** The plain-text body. */
  readonly text: string;
  /** The HTML body; every value that came from a person is escaped. */
  readonly html: string;
}

/**
 * Sends email. One call sends one message; a throw means it was not sent (the invite keeps
 * the failure and can be sent again).
 *
 * @category Ports
 */
export interface Mailer {
  /**
   * Sends one message.
   * @param message - the message.
   * @example
   * ```ts
   * const sent: MailMessage[] = [];
   * const myMailer: Mailer = {
   *   async send(message) {
   *     sent.push(message); // or hand it to your SMTP or provider's client; throw when it was not sent
   *   },
   * };
   * await myMailer.send({ to: 'ada@example.org', subject: 'Hello', text: 'Hi Ada', html: '<p>Hi Ada</p>' });
   * ```
   */
  send(message: MailMessage): Promise<void>;
}
