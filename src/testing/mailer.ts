import type { MailMessage, Mailer } from '../ports/mailer';
import { same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/**
 * Reads what a mailer really delivered (an outbox, a test SMTP server's inbox), oldest first.
 *
 * @category Suites
 */
export type DeliveredMessages = () => Promise<MailMessage[]>;

/**
 * The cases a {@link Mailer} must pass: a message is sent once, intact (Unicode and markup
 * included), and several messages arrive in the order sent. Failures are not tested here: a
 * mailer signals one by throwing, and the library keeps the invite.
 *
 * @param factory - makes a fresh mailer for each case; `peek` reads what it delivered.
 * @returns the cases; register them with {@link runConformance}.
 * @example
 * ```ts
 * runConformance(
 *   mailerConformance(async () => {
 *     const mailer = createMemoryMailer();
 *     return { store: mailer, peek: async () => mailer.outbox() };
 *   }),
 *   test,
 * );
 * ```
 *
 * @category Suites
 */
export function mailerConformance(factory: AdapterFactory<Mailer, DeliveredMessages>): ConformanceCase[] {
  const message: MailMessage = {
    to: 'ada@example.org',
    subject: 'Grace invited you to “Town hall” — ünïcödé ✓',
    text: 'Open the invite: https://media.example.org/invite/t\nLine two',
    html: '<p>Grace invited you to <strong>Town hall</strong> &amp; more</p>',
  };
  return [
    withAdapter(factory, 'Mailer: send delivers one message, intact', async ({ store: mailer, peek }) => {
      await mailer.send(message);
      if (peek) same(await peek(), [message], 'delivered messages');
    }),
    withAdapter(factory, 'Mailer: messages arrive in the order sent', async ({ store: mailer, peek }) => {
      const recipients = ['a@example.org', 'b@example.org', 'c@example.org'];
      for (const to of recipients) await mailer.send({ ...message, to });
      if (peek) same((await peek()).map((m) => m.to), recipients, 'recipients in order');
    }),
  ];
}
