/** The words of the library in English, French and German: refusals, expiry, the invite email (P1). */
import type { Locale } from 'date-fns';
import { de as deDates } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { fr as frDates } from 'date-fns/locale/fr';
import { INVITE_REASON_MESSAGES, REASON_MESSAGES, type ReasonCode } from '../domain/reasons';
import { deGuest, deOwner, enGuest, enOwner, frGuest, frOwner, type RefusalCode, type RefusalWords } from './people';

/**
 * Everything the library says to people in one language. Codes stay the contract; these are
 * their words. Placeholders in braces (`{distance}`, `{who}`, …) are filled in by the functions
 * of `access-links/format`; every value is escaped for HTML where HTML is made.
 *
 * @category Words
 */
export interface Catalogue {
  /** The BCP 47 tag it is for, such as `fr` or `en-GB`; `fr` also serves `fr-CA`. */
  readonly locale: string;
  /** The date-fns locale: month names, relative times ("in 3 days", "dans 3 jours"). */
  readonly dateLocale: Locale;
  /** The date-fns pattern of an absolute date and time, such as `d MMMM yyyy, HH:mm`. */
  readonly dateFormat: string;
  /** Expiry in words: `{distance}` is date-fns' relative time ("in 3 days", "2 hours ago"). */
  readonly expiry: {
    /** Of something that will expire, such as `expires {distance}`. */
    readonly future: string;
    /** Of something that has expired, such as `expired {distance}`. */
    readonly past: string;
    /** Of something that never expires. */
    readonly never: string;
  };
  /** The sentence of each refusal code; a code left out falls back to English. */
  readonly messages: Readonly<Partial<Record<ReasonCode, string>>>;
  /**
   * Every refusal as the guest or the invitee reads it: someone outside the platform who opened a
   * link. What happened, addressed to them ("This link no longer works."), and what they can do
   * now ("Ask the person who shared it with you for a new one."), for every {@link RefusalCode}:
   * the reason codes and the codes of the HTTP layer ("Too many tries from here in a short
   * time."). A code they can never meet still has words: the site went wrong, and what to do.
   * `en`, `fr` and `de` have every code; a catalogue of the host's own may leave codes out, and
   * a code left out, or given without both sentences, falls back to English.
   */
  readonly guestRefusals: Readonly<Partial<Record<RefusalCode, RefusalWords>>>;
  /**
   * Every refusal as the owner, a moderator or the inviter reads it: a signed-in person managing
   * the entry. What happened ("This guest was declined: they cannot come in, nor join again."), and what they
   * can do now; where a limit is the reason, the range. Every {@link RefusalCode}, as
   * {@link Catalogue.guestRefusals} has them, and it falls back to English as that does.
   */
  readonly ownerRefusals: Readonly<Partial<Record<RefusalCode, RefusalWords>>>;
  /** The invite email. */
  readonly invite: {
    /** The subject, and the first line: `{who}` invited you to `{what}` as `{role}`. */
    readonly invited: string;
    /** `{what}` for an entry with a title. */
    readonly titled: string;
    /** `{what}` for an entry without a title: `{type}` is the entry's type. */
    readonly untitled: string;
    /** `{who}` when the inviter's name is unknown. */
    readonly someone: string;
    /** The link's label. */
    readonly open: string;
    /** Who it is for and until when: `{to}`, `{expiry}` (in words), `{date}`. */
    readonly validity: string;
  };
}

/**
 * English (British dates: "7 December 2026, 17:00").
 *
 * @category Words
 */
export const en: Catalogue = {
  locale: 'en',
  dateLocale: enGB,
  dateFormat: 'd MMMM yyyy, HH:mm',
  expiry: { future: 'expires {distance}', past: 'expired {distance}', never: 'never expires' },
  messages: { ...REASON_MESSAGES, ...INVITE_REASON_MESSAGES },
  guestRefusals: enGuest,
  ownerRefusals: enOwner,
  invite: {
    invited: '{who} invited you to {what} as {role}',
    titled: '"{title}"',
    untitled: 'a {type}',
    someone: 'Someone',
    open: 'Open the invite',
    validity: 'This invite is for {to} only. It {expiry}: {date}.',
  },
};

/**
 * Français.
 *
 * @category Words
 */
export const fr: Catalogue = {
  locale: 'fr',
  dateLocale: frDates,
  dateFormat: 'd MMMM yyyy, HH:mm',
  expiry: { future: 'expire {distance}', past: 'a expiré {distance}', never: 'n’expire jamais' },
  messages: {
    INVALID_INPUT: 'La demande n’est pas valide.',
    INVALID_ACTOR: 'L’utilisateur n’est pas valide.',
    INVALID_ENTRY_ID: 'L’identifiant du média n’est pas valide.',
    INVALID_LINK_ID: 'L’identifiant du lien n’est pas valide.',
    INVALID_SESSION_ID: 'L’identifiant de la session n’est pas valide.',
    INVALID_NAME: 'Saisissez un nom de 1 à 100 caractères.',
    INVALID_EMAIL: 'Saisissez une adresse e-mail valide.',
    INVALID_USE_LIMIT: 'Le nombre de clics doit être un nombre entier.',
    INVALID_DURATION: 'La durée doit être un nombre entier de jours.',
    INVALID_FLAG: 'L’interrupteur doit être activé ou désactivé.',
    INVALID_CLIENT_KEY: 'La clé du client n’est pas valide.',
    INVALID_SESSION_TOKENS: 'Les jetons de session ne sont pas valides.',
    ENTRY_NOT_FOUND: 'Aucun média ne porte cet identifiant.',
    ENTRY_UNAVAILABLE: 'Ce média n’est plus disponible.',
    ENTRY_TYPE_UNSUPPORTED: 'L’accès invité n’est pas disponible pour ce média.',
    INVITE_TO_MEDIA_MODULE_OFF: 'Le module d’invitation aux médias est désactivé.',
    MEDIA_PAGE_OFF: 'La page média est désactivée.',
    NOT_PERMITTED: 'Vous ne pouvez pas faire cela pour ce média.',
    GUEST_ACCESS_OFF: 'L’accès invité à ce média est désactivé.',
    GUEST_LINK_CAP_REACHED: 'Ce média a déjà tous les liens invités qu’il peut avoir.',
    LINK_NOT_FOUND: 'Ce média n’a pas ce lien invité.',
    LINK_INVALID: 'Ce lien n’est plus valide.',
    NOT_A_ROOM: 'Seules les salles ont une salle d’attente.',
    SESSION_INVALID: 'Cette session invitée n’est pas valide.',
    SESSION_EXPIRED: 'Cette session invitée est terminée.',
    SESSION_NOT_FOUND: 'Ce média n’a pas cette session invitée.',
    SESSION_CHANGED: 'La session invitée a changé ; rechargez-la.',
    GUEST_DECLINED: 'Un modérateur a refusé cet invité.',
    GUEST_WAITING: 'Un modérateur va vous faire entrer.',
    LINK_GUEST_CAP_REACHED: 'Ce lien a fait entrer tous les invités qu’il peut.',
    WAITING_ROOM_FULL: 'La salle d’attente est pleine ; réessayez plus tard.',
    INVALID_LIMIT: 'La taille de page n’est pas valide.',
    INVALID_CURSOR: 'Ce curseur de page ne vient pas de cette liste ; reprenez à la première page.',
    INVALID_STATUS: 'Le filtre de statut n’est pas valide.',
    INVALID_PROOF: 'La preuve envoyée pour entrer n’est pas valide.',
    INVALID_DOMAINS: 'Les domaines doivent former une liste de noms de domaine.',
    INVALID_PASSCODE: 'Saisissez un code d’accès de 6 à 128 caractères.',
    INVALID_DAY_RANGE: 'Les jours demandés ne sont pas valides.',
    PASSCODE_REQUIRED: 'Ce lien demande son code d’accès.',
    WRONG_PASSCODE: 'Ce code d’accès n’est pas celui de ce lien.',
    VERIFICATION_REQUIRED: 'Ce lien vérifie d’abord votre adresse e-mail avec un code.',
    CODE_RESEND_TOO_SOON: 'Un code vient d’être envoyé à cette adresse.',
    CODE_NOT_SENT: 'Le code n’a pas pu être envoyé ; réessayez bientôt.',
    VERIFICATION_INVALID: 'Cette vérification de votre adresse n’est pas valide.',
    CODE_EXPIRED: 'Ce code ne fonctionne plus ; demandez-en un nouveau.',
    WRONG_CODE: 'Ce code n’est pas celui que nous avons envoyé.',
    EMAIL_DOMAIN_NOT_ALLOWED: 'Ce lien n’est pas ouvert aux adresses de ce domaine.',
    JOIN_VETOED: 'Ce site ne vous a pas laissé entrer.',
    JOIN_CHECK_FAILED: 'L’entrée n’a pas pu être vérifiée pour l’instant ; réessayez dans un moment.',
    INVALID_ROLE: 'Le rôle doit être un nom de rôle.',
    INVALID_EMAIL_LIST: 'Les adresses doivent former une liste.',
    INVALID_INVITE_ID: 'L’identifiant de l’invitation n’est pas valide.',
    INVALID_CLAIMANT: 'L’utilisateur doit avoir un identifiant, une adresse e-mail et dire si elle est vérifiée.',
    INVALID_SEND_FLAG: 'L’option d’envoi doit être vraie ou fausse.',
    INVALID_LOCALE: 'La langue n’est pas valide.',
    INVALID_TIME_ZONE: 'Le fuseau horaire n’est pas valide.',
    TOO_MANY_ADDRESSES: 'Trop d’adresses dans une seule demande.',
    ROLE_NOT_ALLOWED: 'Ce rôle n’est pas disponible pour ce type de média.',
    ROLE_ABOVE_INVITER: 'Vous ne pouvez pas accorder un rôle supérieur au vôtre.',
    PENDING_INVITE_CAP_REACHED: 'Ce média a déjà toutes les invitations en attente qu’il peut avoir.',
    DUPLICATE_ADDRESS: 'Cette adresse figure déjà plus haut dans la demande.',
    INVITE_NOT_FOUND: 'Ce média n’a pas cette invitation.',
    INVITE_INVALID: 'Ce lien d’invitation n’est pas valide.',
    INVITE_EXPIRED: 'Cette invitation a expiré.',
    INVITE_REVOKED: 'Cette invitation a été retirée.',
    INVITE_DECLINED: 'Cette invitation a été déclinée.',
    INVITE_ALREADY_ACCEPTED: 'Cette invitation a déjà été acceptée.',
    INVITE_NOT_PENDING: 'Cette invitation n’est plus en attente.',
    EMAIL_MISMATCH: 'Cette invitation est destinée à une autre adresse e-mail.',
    EMAIL_NOT_VERIFIED: 'Vérifiez votre adresse e-mail pour accepter cette invitation.',
    RESEND_TOO_SOON: 'Cette invitation vient d’être envoyée ; attendez avant de la renvoyer.',
    INVITE_CHANGED: 'L’invitation a changé entre-temps ; rechargez-la.',
    ACCEPTANCE_IN_PROGRESS: 'Cette invitation est en cours d’acceptation ; réessayez dans un instant.',
    INVITE_BEING_SENT: 'Cette invitation est en cours d’envoi ; réessayez dans un instant.',
  },
  guestRefusals: frGuest,
  ownerRefusals: frOwner,
  invite: {
    invited: '{who} vous invite à {what} en tant que {role}',
    titled: '« {title} »',
    untitled: 'un contenu de type {type}',
    someone: 'Quelqu’un',
    open: 'Ouvrir l’invitation',
    validity: 'Cette invitation est réservée à {to}. Elle {expiry} : {date}.',
  },
};

/**
 * Deutsch.
 *
 * @category Words
 */
export const de: Catalogue = {
  locale: 'de',
  dateLocale: deDates,
  dateFormat: 'd. MMMM yyyy, HH:mm',
  expiry: { future: 'läuft {distance} ab', past: 'ist {distance} abgelaufen', never: 'läuft nie ab' },
  messages: {
    INVALID_INPUT: 'Die Anfrage ist ungültig.',
    INVALID_ACTOR: 'Der Benutzer ist ungültig.',
    INVALID_ENTRY_ID: 'Die Kennung des Mediums ist ungültig.',
    INVALID_LINK_ID: 'Die Kennung des Links ist ungültig.',
    INVALID_SESSION_ID: 'Die Kennung der Sitzung ist ungültig.',
    INVALID_NAME: 'Geben Sie einen Namen mit 1 bis 100 Zeichen ein.',
    INVALID_EMAIL: 'Geben Sie eine gültige E-Mail-Adresse ein.',
    INVALID_USE_LIMIT: 'Die Anzahl der Klicks muss eine ganze Zahl sein.',
    INVALID_DURATION: 'Die Dauer muss eine ganze Zahl von Tagen sein.',
    INVALID_FLAG: 'Der Schalter muss an oder aus sein.',
    INVALID_CLIENT_KEY: 'Der Client-Schlüssel ist ungültig.',
    INVALID_SESSION_TOKENS: 'Die Sitzungs-Tokens sind ungültig.',
    ENTRY_NOT_FOUND: 'Kein Medium hat diese Kennung.',
    ENTRY_UNAVAILABLE: 'Dieses Medium ist nicht mehr verfügbar.',
    ENTRY_TYPE_UNSUPPORTED: 'Für dieses Medium gibt es keinen Gastzugang.',
    INVITE_TO_MEDIA_MODULE_OFF: 'Das Modul für Einladungen zu Medien ist ausgeschaltet.',
    MEDIA_PAGE_OFF: 'Die Medienseite ist ausgeschaltet.',
    NOT_PERMITTED: 'Das dürfen Sie für dieses Medium nicht tun.',
    GUEST_ACCESS_OFF: 'Der Gastzugang zu diesem Medium ist ausgeschaltet.',
    GUEST_LINK_CAP_REACHED: 'Dieses Medium hat bereits alle Gastlinks, die es haben darf.',
    LINK_NOT_FOUND: 'Dieses Medium hat keinen solchen Gastlink.',
    LINK_INVALID: 'Dieser Link ist nicht mehr gültig.',
    NOT_A_ROOM: 'Nur Räume haben einen Warteraum.',
    SESSION_INVALID: 'Diese Gastsitzung ist ungültig.',
    SESSION_EXPIRED: 'Diese Gastsitzung ist beendet.',
    SESSION_NOT_FOUND: 'Dieses Medium hat keine solche Gastsitzung.',
    SESSION_CHANGED: 'Die Gastsitzung hat sich geändert; laden Sie sie neu.',
    GUEST_DECLINED: 'Ein Moderator hat diesen Gast abgelehnt.',
    GUEST_WAITING: 'Ein Moderator lässt Sie gleich herein.',
    LINK_GUEST_CAP_REACHED: 'Dieser Link hat alle Gäste eingelassen, die er kann.',
    WAITING_ROOM_FULL: 'Der Warteraum ist voll; versuchen Sie es später erneut.',
    INVALID_LIMIT: 'Die Seitengröße ist ungültig.',
    INVALID_CURSOR: 'Dieser Seitenzeiger stammt nicht von dieser Liste; beginnen Sie wieder mit der ersten Seite.',
    INVALID_STATUS: 'Der Statusfilter ist ungültig.',
    INVALID_PROOF: 'Der mit dem Beitritt gesendete Nachweis ist ungültig.',
    INVALID_DOMAINS: 'Die Domains müssen eine Liste von Domainnamen sein.',
    INVALID_PASSCODE: 'Geben Sie einen Zugangscode mit 6 bis 128 Zeichen ein.',
    INVALID_DAY_RANGE: 'Die angefragten Tage sind nicht gültig.',
    PASSCODE_REQUIRED: 'Dieser Link verlangt seinen Zugangscode.',
    WRONG_PASSCODE: 'Dieser Zugangscode ist nicht der dieses Links.',
    VERIFICATION_REQUIRED: 'Dieser Link prüft zuerst Ihre E-Mail-Adresse mit einem Code.',
    CODE_RESEND_TOO_SOON: 'An diese Adresse wurde gerade ein Code gesendet.',
    CODE_NOT_SENT: 'Der Code konnte nicht gesendet werden; versuchen Sie es bald noch einmal.',
    VERIFICATION_INVALID: 'Diese Prüfung Ihrer Adresse ist nicht gültig.',
    CODE_EXPIRED: 'Dieser Code gilt nicht mehr; fordern Sie einen neuen an.',
    WRONG_CODE: 'Das ist nicht der Code, den wir gesendet haben.',
    EMAIL_DOMAIN_NOT_ALLOWED: 'Dieser Link ist nicht für Adressen dieser Domain.',
    JOIN_VETOED: 'Diese Website hat Sie nicht beitreten lassen.',
    JOIN_CHECK_FAILED: 'Der Beitritt konnte gerade nicht geprüft werden; versuchen Sie es gleich noch einmal.',
    INVALID_ROLE: 'Die Rolle muss ein Rollenname sein.',
    INVALID_EMAIL_LIST: 'Die Adressen müssen eine Liste sein.',
    INVALID_INVITE_ID: 'Die Kennung der Einladung ist ungültig.',
    INVALID_CLAIMANT: 'Der Benutzer braucht eine Kennung, eine E-Mail-Adresse und die Angabe, ob sie bestätigt ist.',
    INVALID_SEND_FLAG: 'Die Versandoption muss wahr oder falsch sein.',
    INVALID_LOCALE: 'Die Sprache ist ungültig.',
    INVALID_TIME_ZONE: 'Die Zeitzone ist ungültig.',
    TOO_MANY_ADDRESSES: 'Zu viele Adressen in einer Anfrage.',
    ROLE_NOT_ALLOWED: 'Diese Rolle gibt es für diese Art von Medium nicht.',
    ROLE_ABOVE_INVITER: 'Sie können keine Rolle über Ihrer eigenen vergeben.',
    PENDING_INVITE_CAP_REACHED: 'Dieses Medium hat bereits alle offenen Einladungen, die es haben darf.',
    DUPLICATE_ADDRESS: 'Diese Adresse steht weiter oben in der Anfrage.',
    INVITE_NOT_FOUND: 'Dieses Medium hat keine solche Einladung.',
    INVITE_INVALID: 'Dieser Einladungslink ist ungültig.',
    INVITE_EXPIRED: 'Diese Einladung ist abgelaufen.',
    INVITE_REVOKED: 'Diese Einladung wurde zurückgezogen.',
    INVITE_DECLINED: 'Diese Einladung wurde abgelehnt.',
    INVITE_ALREADY_ACCEPTED: 'Diese Einladung wurde bereits angenommen.',
    INVITE_NOT_PENDING: 'Diese Einladung ist nicht mehr offen.',
    EMAIL_MISMATCH: 'Diese Einladung ist für eine andere E-Mail-Adresse.',
    EMAIL_NOT_VERIFIED: 'Bestätigen Sie Ihre E-Mail-Adresse, um diese Einladung anzunehmen.',
    RESEND_TOO_SOON: 'Diese Einladung wurde gerade erst gesendet; warten Sie, bevor Sie sie erneut senden.',
    INVITE_CHANGED: 'Die Einladung hat sich inzwischen geändert; laden Sie sie neu.',
    ACCEPTANCE_IN_PROGRESS: 'Diese Einladung wird gerade angenommen; versuchen Sie es gleich noch einmal.',
    INVITE_BEING_SENT: 'Diese Einladung wird gerade gesendet; versuchen Sie es gleich noch einmal.',
  },
  guestRefusals: deGuest,
  ownerRefusals: deOwner,
  invite: {
    invited: '{who} hat Sie zu {what} als {role} eingeladen',
    titled: '„{title}“',
    untitled: 'einem Inhalt vom Typ {type}',
    someone: 'Jemand',
    open: 'Einladung öffnen',
    validity: 'Diese Einladung gilt nur für {to}. Sie {expiry}: {date}.',
  },
};
