/**
 * An invite's subject is one header line, whichever renderer writes it: line breaks in an entry
 * title or an inviter's name fold to spaces, and no control character is left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInviteRenderer, de, en, fr } from '../src/format';
import { renderInviteMessage, type InviteMessageData } from '../src/invites';
import { runs } from './support/runs';

const data: InviteMessageData = {
  to: 'ada@example.org',
  entryTitle: 'Town hall',
  entryType: 'room',
  inviterName: 'Grace',
  role: 'speaker',
  url: 'https://media.example.org/invite/t',
  expiresAt: Date.UTC(2026, 11, 7, 16),
  now: Date.UTC(2026, 10, 30, 16),
};

const renderers = {
  'the default renderer': renderInviteMessage,
  'createInviteRenderer, English': createInviteRenderer([en]),
  'createInviteRenderer, French': createInviteRenderer([fr, en]),
  'createInviteRenderer, German': createInviteRenderer([de, en]),
};

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('the invite subject is one header line', () => {
  for (const [name, render] of Object.entries(renderers)) {
    it(`${name}: a title with CR/LF becomes one line, the rest of the message keeps its words`, async () => {
      const message = await render({ ...data, entryTitle: 'Town\r\nBcc: everyone@example.org', inviterName: 'Gr\u0000ace\u2028' });
      expect(message.subject).not.toMatch(CONTROL);
      expect(message.subject).toContain('Town Bcc: everyone@example.org');
      expect(message.subject).not.toMatch(/^\s|\s$|\s\s/);
      expect(message.html).toContain('Bcc: everyone@example.org');
    });

    it(`${name}: for any title and inviter name, the subject has no control character`, async () => {
      const text = fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\t', '\u0000', '\u0085', '\u2028', '\u2029', '\u007f', 'é', '«') });
      await fc.assert(
        fc.asyncProperty(text, fc.option(text, { nil: null }), async (title, inviter) => {
          const message = await render({ ...data, entryTitle: title, inviterName: inviter });
          expect(message.subject).not.toMatch(CONTROL);
          expect(message.subject.trim()).toBe(message.subject);
        }),
        { numRuns: runs(100) },
      );
    });
  }
});
