/**
 * The words the demo shows people. A refusal is worded by `access-links/format` for the person
 * who reads it — the guest or invitee, or the owner, moderator or inviter — with what to do
 * next, in the language the browser asks for (English, French or German; English by default).
 * The few codes of the HTTP layer a page can meet are not reason codes: the demo words those
 * itself, in English. States are shown as words ("used up"), never as values (`used_up`).
 */
import type { ReasonCode } from 'access-links';
import { catalogueFor, de, en, fr, refusalText, type Audience, type Catalogue } from 'access-links/format';

/** The languages refusals are shown in, the default first. */
const CATALOGUES: readonly Catalogue[] = [en, fr, de];

const languageOf = (tag: string) => tag.toLowerCase().split('-')[0];

/** The language tags of an `Accept-Language` header, most wanted first; `q=0` and `*` left out. */
function wantedTags(header: string): string[] {
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const weight = parameters.find((parameter) => parameter.startsWith('q='));
      return { tag, q: weight === undefined ? 1 : Number(weight.slice(2)) };
    })
    .filter(({ tag, q }) => /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/iu.test(tag) && q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}

/** The catalogue of the first language the browser asks for that the demo has words in; English without one. */
export function catalogueOf(acceptLanguage: string | null | undefined): Catalogue {
  for (const tag of wantedTags(acceptLanguage ?? '')) {
    const catalogue = catalogueFor(tag, CATALOGUES);
    if (languageOf(catalogue.locale) === languageOf(tag)) return catalogue;
  }
  return en;
}

/** A refusal as one person reads it: what happened, what to do now, in which language, and for whom. */
export interface Said {
  /** The code: for the page's `data-code`, and in small print for owners; never shown to a guest. */
  readonly code: string;
  readonly text: string;
  readonly next: string;
  /** The language of `text` and `next`, for their `lang` attribute. */
  readonly lang: string;
  readonly audience: Audience;
}

/** The demo's own words for the HTTP layer's codes its pages can meet, which are not reason codes. */
const HTTP_WORDS: Readonly<Record<string, { text: string; next: string }>> = {
  UNAUTHENTICATED: { text: 'You are not signed in any more.', next: 'Sign in with the “Signed in as” switch at the top of the page, then try again.' },
  RATE_LIMITED: { text: 'There were too many tries in a short time.', next: 'Wait a minute, then try again.' },
  CROSS_SITE_REQUEST: { text: 'This form was sent from another site, so nothing was done.', next: 'Open the page on this site and send the form from there.' },
  SERVICE_UNAVAILABLE: { text: 'The site cannot answer right now.', next: 'Wait a few seconds, then try again.' },
};
/** Any other code (`MALFORMED_BODY`, `INTERNAL_ERROR`, one typed into the address bar …). */
const SOMETHING_WENT_WRONG = { text: 'Something went wrong on the site.', next: 'Reload the page and try again.' };

const isReasonCode = (code: string): code is ReasonCode => Object.hasOwn(en.guestRefusals, code);

/** The words of a code for its reader, in the catalogue's language (the demo's own, in English, for a code that is not a reason code). */
export function said(code: string, audience: Audience, catalogue: Catalogue): Said {
  if (isReasonCode(code)) {
    const { text, next } = refusalText(code, { audience, catalogue });
    return { code, text, next, lang: catalogue.locale, audience };
  }
  return { code, ...(HTTP_WORDS[code] ?? SOMETHING_WENT_WRONG), lang: 'en', audience };
}

/** States and outcomes whose value is not a word to show as it is. */
const STATE_WORDS: Readonly<Record<string, string>> = {
  used_up: 'used up',
  accepting: 'being accepted',
  not_sent: 'not sent',
  'already-accepted': 'already accepted',
  error: 'not stored',
};

/** A state (of a link, a guest, an invite, a delivery) in words. */
export const stateWords = (state: string): string => STATE_WORDS[state] ?? state;
