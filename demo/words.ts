/**
 * The words the demo shows people. A refusal is worded by `access-links/format` for the person
 * who reads it — the guest or invitee, or the owner, moderator or inviter — with what to do
 * next, in the language the browser asks for (English, French or German; English by default).
 * The HTTP layer's own codes (`RATE_LIMITED`, `UNAUTHENTICATED`, …) are worded there too.
 * States are shown as words ("used up"), never as values (`used_up`).
 */
import { catalogueFor, de, en, fr, refusalText, type Audience, type Catalogue, type RefusalCode } from 'access-links/format';

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
  /** The code: for the page's `data-code`, for scripts and tests; never shown to anyone. */
  readonly code: string;
  readonly text: string;
  readonly next: string;
  /** The language of `text` and `next`, for their `lang` attribute. */
  readonly lang: string;
  readonly audience: Audience;
}

/** A code the library does not word: one typed into the address bar. */
const SOMETHING_WENT_WRONG = { text: 'Something went wrong on the site.', next: 'Reload the page and try again.' };

const isRefusalCode = (code: string): code is RefusalCode => Object.hasOwn(en.guestRefusals, code);

/** The words of a code for its reader, in the catalogue's language: the library's refusals and the HTTP layer's codes alike. */
export function said(code: string, audience: Audience, catalogue: Catalogue): Said {
  if (isRefusalCode(code)) {
    const { text, next } = refusalText(code, { audience, catalogue });
    return { code, text, next, lang: catalogue.locale, audience };
  }
  return { code, ...SOMETHING_WENT_WRONG, lang: 'en', audience };
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
