import type { MailMessage, Mailer } from '../../ports/mailer';

/** A {@link Mailer} that keeps what it sends in an outbox, and fails when told to. */
export interface MemoryMailer extends Mailer {
  /**
   * Copies of every message sent, oldest first. Failed sends are not in it.
   * @returns the messages.
   */
  outbox(): MailMessage[];
  /**
   * Makes the next `count` sends throw.
   * @param count - how many sends fail; default 1.
   */
  failNext(count?: number): void;
  /**
   * Makes every send for which `predicate` is true throw, until called with `null`.
   * @param predicate - which messages fail, or `null` to stop failing.
   */
  failWhen(predicate: ((message: MailMessage) => boolean) | null): void;
}

/**
 * Creates a mailer that delivers into an inspectable outbox, for tests and examples.
 *
 * @returns the mailer.
 *
 * @example
 * ```ts
 * const mailer = createMemoryMailer();
 * mailer.failNext(); // the next send throws, as a bounce would
 * ```
 */
export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = [];
  let failures = 0;
  let failing: ((message: MailMessage) => boolean) | null = null;
  return {
    async send(message) {
      if (failures > 0 || failing?.(message)) {
        if (failures > 0) failures -= 1;
        throw new Error(`Delivery to ${message.to} failed`);
      }
      sent.push({ ...message });
    },
    outbox: () => sent.map((message) => ({ ...message })),
    failNext(count = 1) {
      failures = count;
    },
    failWhen(predicate) {
      failing = predicate;
    },
  };
}
