import type { MailMessage, Mailer } from '../../ports/mailer';

/**
 * A {@link Mailer} that keeps what it sends in an outbox, and fails when told to.
 *
 * @category Host ports
 */
export interface MemoryMailer extends Mailer {
  /**
   * Copies of every message sent, oldest first. Failed sends are not in it.
   * @returns the messages.
   * @example
   * ```ts
   * mailer.outbox().map((message) => message.to); // ['alan@example.org']
   * ```
   */
  outbox(): MailMessage[];
  /**
   * Makes the next `count` sends throw.
   * @param count - how many sends fail; default 1.
   * @example
   * ```ts
   * mailer.failNext();
   * const resent = await inviteLinks.resendInvite({ actor: owner, entryId: 'room-1', inviteId });
   * if (resent.ok) console.log(resent.value.deliveryStatus); // 'failed', kept for a later resend
   * ```
   */
  failNext(count?: number): void;
  /**
   * Makes every send for which `predicate` is true throw, until called with `null`.
   * @param predicate - which messages fail, or `null` to stop failing.
   * @example
   * ```ts
   * mailer.failWhen((message) => message.to.endsWith('@bounce.example'));
   * const sent = await inviteLinks.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['x@bounce.example'] });
   * if (sent.ok && sent.value[0]?.status === 'invited') console.log(sent.value[0].delivery); // 'failed'
   * mailer.failWhen(null);
   * ```
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
 *
 * @category Host ports
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
