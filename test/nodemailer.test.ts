/**
 * The nodemailer mailer against a real SMTP server on the loopback interface: the conformance
 * kit, a rejected recipient, and an invite sent through it end to end.
 */
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createInviteLinks } from '../src/invites';
import { createMemoryInviteStore } from '../src/memory';
import { createNodemailerMailer } from '../src/nodemailer';
import type { MailMessage } from '../src/invites';
import { mailerConformance, runConformance } from '../src/testing';
import { harness, owner } from './harness';

interface Received extends MailMessage {
  readonly from: string;
  readonly headers: Map<string, unknown>;
}

let server: SMTPServer;
let port = 0;
let inbox: Received[] = [];
const rejected = new Set<string>();

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address)) callback(new Error('550 No such user here'));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          inbox.push({
            to: to?.value[0]?.address ?? '',
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: (mail.text ?? '').replace(/\n$/u, ''),
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: mail.headers,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
const strip = ({ to, subject, text, html }: Received): MailMessage => ({ to, subject, text, html });

describe('the nodemailer mailer over SMTP', () => {
  describe('passes the kit with a transporter', () => {
    runConformance(
      mailerConformance(async () => {
        inbox = [];
        return { store: createNodemailerMailer({ transport: transport(), from: 'Media <no-reply@media.example.org>' }), peek: async () => inbox.map(strip) };
      }),
      test,
    );
  });

  describe('passes the kit with an SMTP URL, loading nodemailer itself', () => {
    runConformance(
      mailerConformance(async () => {
        inbox = [];
        return { store: createNodemailerMailer({ transport: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'no-reply@media.example.org' }), peek: async () => inbox.map(strip) };
      }),
      test,
    );
  });

  it('sends the sender and the headers, and marks the mail as automatic', async () => {
    inbox = [];
    const mailer = createNodemailerMailer({ transport: transport(), from: 'Media <no-reply@media.example.org>' });
    await mailer.send({ to: 'ada@example.org', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
    expect(inbox[0]!.from).toBe('"Media" <no-reply@media.example.org>');
    expect(inbox[0]!.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('throws when the server rejects the recipient, so the invite keeps the failure', async () => {
    inbox = [];
    rejected.add('gone@example.org');
    const base = await harness();
    const inviteLinks = createInviteLinks({
      store: createMemoryInviteStore(),
      directory: base.directory,
      keyRing: base.keyRing,
      clock: base.clock,
      mailer: createNodemailerMailer({ transport: transport(), from: 'no-reply@media.example.org' }),
      inviteUrl: (token) => `https://media.example.org/invite/${token}`,
    });
    const sent = await inviteLinks.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['alan@example.org', 'gone@example.org'] });
    expect(sent.ok && sent.value.map((outcome) => (outcome.status === 'invited' ? outcome.delivery : outcome.status))).toEqual(['sent', 'failed']);
    expect(inbox.map((mail) => mail.to)).toEqual(['alan@example.org']);
    expect(inbox[0]!.text).toContain('https://media.example.org/invite/');
  });

  it('refuses a sender or header with a line break', () => {
    expect(() => createNodemailerMailer({ transport: transport(), from: 'a@example.org\r\nBcc: x@example.org' })).toThrow(/from/);
    expect(() => createNodemailerMailer({ transport: transport(), from: 'a@example.org', headers: { 'X-Tag': 'a\nb' } })).toThrow(/headers/);
  });
});
