/**
 * Every refusal as the two people who meet it read it, in English, French and German (P1): the
 * guest or invitee, who opened a link from outside the platform, and the owner, moderator or
 * inviter, who manages the entry. Each says what happened and what to do now; codes stay the
 * contract. The codes are the library's reasons and those the HTTP layer answers on its own.
 */
import type { HttpErrorCode } from '../domain/http-codes';
import type { ReasonCode } from '../domain/reasons';

/**
 * Every code a refusal may carry to the person in front of it: a reason code of the library, or
 * a code of the HTTP layer. {@link refusalText} has words for each, for both readers.
 *
 * @category Words
 */
export type RefusalCode = ReasonCode | HttpErrorCode;

/**
 * A refusal as one person reads it: what happened, and what they can do now.
 *
 * @category Words
 */
export interface RefusalWords {
  /** What happened, in plain words addressed to the reader: "This link no longer works." */
  readonly text: string;
  /** What the reader can do now: "Ask the person who shared it with you for a new one." */
  readonly next: string;
}

/**
 * @internal The words of every code for one reader in one language: a built-in catalogue's maps
 * are whole, and the compiler checks it.
 */
export type Refusals = Readonly<Record<RefusalCode, RefusalWords>>;

// English. A code a reader can never meet still gets a sentence: the site went wrong, and what
// to do about it.

const enGuestSite: RefusalWords = {
  text: 'Something went wrong on the site.',
  next: 'Reload the page and try again. If it happens again, tell the person who shared the link with you.',
};
const enInviteeSite: RefusalWords = {
  text: 'Something went wrong on the site.',
  next: 'Reload the page and try again. If it happens again, tell the person who invited you.',
};
const enOwnerSite: RefusalWords = {
  text: 'Something went wrong on the site.',
  next: 'Reload the page and try again. If it happens again, tell the site’s administrators.',
};
const enGuestAddress: RefusalWords = { text: 'The address of this page is not complete.', next: 'Open the link again exactly as you received it.' };
const enAccount: RefusalWords = {
  text: 'Something went wrong on the site: your account could not be read.',
  next: 'Reload the page, sign in again if you are asked to, and try again.',
};
const enLinkGone: RefusalWords = { text: 'This link no longer works.', next: 'Ask the person who shared it with you for a new one.' };
const enOldPage: RefusalWords = { text: 'This page of the list is out of date.', next: 'Go back to the first page of the list.' };
const enBadEmail: RefusalWords = { text: 'This email address does not look right.', next: 'Check the address and send again.' };
const enEmailMismatch: RefusalWords = {
  text: 'This invitation was sent to an email address other than your account’s.',
  next: 'Sign in with the account that has the address the invitation was sent to.',
};
const enNotVerified: RefusalWords = { text: 'Your email address is not verified yet.', next: 'Verify it in your account settings, then try again.' };
const enBeingSent: RefusalWords = { text: 'This invitation is being sent right now.', next: 'Try again in a minute.' };

// The codes of the HTTP layer: the guest's words serve the invitee too, so they name "the link".
const enVisitorSite: RefusalWords = {
  text: 'Something went wrong on the site.',
  next: 'Reload the page and try again. If it happens again, tell the person who sent you the link.',
};
const enSignIn = 'You need to be signed in to do this.';
const enCrossSite: RefusalWords = {
  text: 'Nothing was done: this request did not come from this site.',
  next: 'Go back to the page on this site and try again from there.',
};
const enNothingHere = 'There is nothing at this address.';
const enTooSlow: RefusalWords = {
  text: 'Your connection was too slow: what you sent did not arrive in time.',
  next: 'Check your connection, then send again.',
};
const enTooLarge = 'What you sent is too large for this site.';
const enUnreadable = 'What you sent could not be read.';
const enRateLimited: RefusalWords = { text: 'Too many tries from here in a short time.', next: 'Wait a minute, then try again.' };
const enUnavailable: RefusalWords = { text: 'The site cannot answer right now.', next: 'Wait a few seconds, then try again.' };
const enTooManyWatching = 'Too many people have this page open for it to update itself.';

/** English, to the guest or the invitee. */
export const enGuest: Refusals = {
  INVALID_INPUT: enGuestSite,
  INVALID_ACTOR: enGuestSite,
  INVALID_ENTRY_ID: enGuestAddress,
  INVALID_LINK_ID: enGuestAddress,
  INVALID_SESSION_ID: enGuestAddress,
  INVALID_NAME: { text: 'Your name must be 1 to 100 characters long.', next: 'Fix your name and send again.' },
  INVALID_EMAIL: { text: 'This email address does not look right.', next: 'Check your email address and send again.' },
  INVALID_USE_LIMIT: enGuestSite,
  INVALID_DURATION: enGuestSite,
  INVALID_FLAG: enGuestSite,
  INVALID_CLIENT_KEY: enGuestSite,
  INVALID_SESSION_TOKENS: enGuestSite,
  ENTRY_NOT_FOUND: { text: 'This media could not be found.', next: 'Ask the person who shared the link with you whether it still exists.' },
  ENTRY_UNAVAILABLE: { text: 'This media is no longer available.', next: 'If you still need it, ask the person who shared the link with you.' },
  ENTRY_TYPE_UNSUPPORTED: {
    text: 'This media cannot be opened with a guest link.',
    next: 'Ask the person who shared the link with you for another way to see this media.',
  },
  INVITE_TO_MEDIA_MODULE_OFF: {
    text: 'Sharing media is turned off on this site for now.',
    next: 'Ask the person who shared the link with you for another way to see this media.',
  },
  MEDIA_PAGE_OFF: { text: 'Media pages are turned off on this site for now.', next: 'Try again later, or ask the person who shared the link with you.' },
  NOT_PERMITTED: { text: 'You are not allowed to do this.', next: 'If you think you should be, ask the person who shared the link with you.' },
  GUEST_ACCESS_OFF: { text: 'This media is closed to visitors for now.', next: 'Ask the person who shared the link with you to open access again.' },
  GUEST_LINK_CAP_REACHED: enGuestSite,
  LINK_NOT_FOUND: enLinkGone,
  LINK_INVALID: { text: 'This link no longer works: it may have expired, been used up or been deleted.', next: enLinkGone.next },
  NOT_A_ROOM: { text: 'There is no waiting room here.', next: 'Open the link again exactly as you received it.' },
  SESSION_INVALID: { text: 'This page does not recognise your visit.', next: 'Open the link you received again.' },
  SESSION_EXPIRED: { text: 'Your visit has ended.', next: 'To come back, open the link you received again.' },
  SESSION_NOT_FOUND: { text: 'Your visit could not be found.', next: 'Open the link you received again.' },
  SESSION_CHANGED: { text: 'This page changed in the meantime.', next: 'Reload the page.' },
  GUEST_DECLINED: { text: 'A moderator has closed this room to you.', next: 'If you think this is a mistake, contact the person who shared the link with you.' },
  GUEST_WAITING: { text: 'You are in the waiting room: a moderator will let you in shortly.', next: 'Wait here: this page updates itself.' },
  LINK_GUEST_CAP_REACHED: { text: 'This link has let in as many people as it can.', next: 'Ask the person who shared it with you for a new one.' },
  WAITING_ROOM_FULL: { text: 'The waiting room is full.', next: 'Try again in a few minutes.' },
  INVALID_LIMIT: enGuestSite,
  INVALID_CURSOR: enOldPage,
  INVALID_STATUS: enGuestSite,
  INVALID_PROOF: { text: 'The check before joining did not go through.', next: 'Do the check on the page again, then join.' },
  INVALID_DOMAINS: enGuestSite,
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'This link is not for addresses at your email’s domain.', next: 'Join with your work or school address, or ask the person who shared the link which addresses it is for.' },
  JOIN_VETOED: { text: 'This site did not let you join through this link.', next: 'If you think this is a mistake, ask the person who shared the link.' },
  JOIN_CHECK_FAILED: { text: 'Joining could not be checked just now.', next: 'Try again in a moment.' },
  INVALID_PASSCODE: { text: 'A passcode has 6 to 128 characters.', next: 'Check the passcode you were given and type it again.' },
  INVALID_DAY_RANGE: { text: 'The days you asked for cannot be shown.', next: 'Pick a first day and a last day at most a year apart, the first before the last.' },
  PASSCODE_REQUIRED: { text: 'This link asks for a passcode.', next: 'Type the passcode the person who shared the link gave you.' },
  WRONG_PASSCODE: { text: 'That passcode is not the one for this link.', next: 'Check the passcode you were given and type it again; after several wrong tries you will have to wait.' },
  VERIFICATION_REQUIRED: { text: 'This link checks your email address first, with a code we send to it.', next: 'Ask for the code, then type it in.' },
  CODE_RESEND_TOO_SOON: { text: 'We sent a code to this address a moment ago.', next: 'Look for it in your inbox (and your spam folder); you can ask for another in a little while.' },
  CODE_NOT_SENT: { text: 'We could not send the code just now.', next: 'Try again in a few minutes.' },
  VERIFICATION_INVALID: { text: 'This check of your address is not one we started.', next: 'Open the link again and ask for a new code.' },
  CODE_EXPIRED: { text: 'This code no longer works: it is over 10 minutes old, or was typed wrong too many times.', next: 'Ask for a new code.' },
  WRONG_CODE: { text: 'That code is not the one we sent.', next: 'Check the latest message we sent you and type its code again.' },
  INVALID_ROLE: enInviteeSite,
  INVALID_EMAIL_LIST: enInviteeSite,
  INVALID_INVITE_ID: { text: 'The address of this invitation is not complete.', next: 'Open the link in your invitation email again, exactly as it is.' },
  INVALID_CLAIMANT: enAccount,
  INVALID_SEND_FLAG: enInviteeSite,
  INVALID_LOCALE: enInviteeSite,
  INVALID_TIME_ZONE: enInviteeSite,
  TOO_MANY_ADDRESSES: enInviteeSite,
  ROLE_NOT_ALLOWED: enInviteeSite,
  ROLE_ABOVE_INVITER: enInviteeSite,
  PENDING_INVITE_CAP_REACHED: enInviteeSite,
  DUPLICATE_ADDRESS: enInviteeSite,
  INVITE_NOT_FOUND: { text: 'This invitation could not be found.', next: 'Ask the person who invited you to send it again.' },
  INVITE_INVALID: {
    text: 'This invitation link does not work.',
    next: 'Open the link in your invitation email again, or ask the person who invited you for a new one.',
  },
  INVITE_EXPIRED: { text: 'Your invitation has expired.', next: 'Ask the person who invited you to send it again.' },
  INVITE_REVOKED: { text: 'This invitation was withdrawn.', next: 'If you still need access, ask the person who invited you.' },
  INVITE_DECLINED: { text: 'You declined this invitation.', next: 'If you have changed your mind, ask the person who invited you to invite you again.' },
  INVITE_ALREADY_ACCEPTED: {
    text: 'This invitation has already been accepted.',
    next: 'If it was you, open the media from your account; if not, tell the person who invited you.',
  },
  INVITE_NOT_PENDING: { text: 'This invitation can no longer be accepted.', next: 'Ask the person who invited you for a new one.' },
  EMAIL_MISMATCH: enEmailMismatch,
  EMAIL_NOT_VERIFIED: enNotVerified,
  RESEND_TOO_SOON: enInviteeSite,
  INVITE_CHANGED: { text: 'Your invitation changed in the meantime.', next: 'Reload the page and try again.' },
  ACCEPTANCE_IN_PROGRESS: { text: 'Your invitation is being accepted right now.', next: 'Try again in a moment.' },
  INVITE_BEING_SENT: enBeingSent,
  UNAUTHENTICATED: { text: enSignIn, next: 'Sign in, then open the link again.' },
  CROSS_SITE_REQUEST: enCrossSite,
  NOT_FOUND: { text: enNothingHere, next: 'Check the address, or open the link you received again.' },
  METHOD_NOT_ALLOWED: enVisitorSite,
  REQUEST_TIMEOUT: enTooSlow,
  PAYLOAD_TOO_LARGE: { text: enTooLarge, next: 'Shorten what you entered and send again.' },
  UNSUPPORTED_MEDIA_TYPE: enVisitorSite,
  MALFORMED_BODY: { text: enUnreadable, next: enVisitorSite.next },
  INVALID_NEXT: enVisitorSite,
  RATE_LIMITED: enRateLimited,
  SERVICE_UNAVAILABLE: enUnavailable,
  TOO_MANY_STREAMS: { text: enTooManyWatching, next: 'Reload the page in a minute to see if anything has changed.' },
  INTERNAL_ERROR: enVisitorSite,
};

/** English, to the owner, a moderator or the inviter. */
export const enOwner: Refusals = {
  INVALID_INPUT: enOwnerSite,
  INVALID_ACTOR: {
    text: 'Something went wrong on the site: it could not tell who you are.',
    next: 'Reload the page, sign in again if you are asked to, and try again.',
  },
  INVALID_ENTRY_ID: { text: 'The address of this media is not valid.', next: 'Go back to the media and try again.' },
  INVALID_LINK_ID: { text: 'The address of this guest link is not valid.', next: 'Reload the list of links and try again.' },
  INVALID_SESSION_ID: { text: 'This guest could not be identified.', next: 'Reload the list of guests and try again.' },
  INVALID_NAME: { text: 'The name must be 1 to 100 characters long.', next: 'Fix the name and send again.' },
  INVALID_EMAIL: enBadEmail,
  INVALID_USE_LIMIT: {
    text: 'The number of clicks must be a whole number from 1 to 2,147,483,647.',
    next: 'Fix the number, or leave it empty for unlimited clicks, and send again.',
  },
  INVALID_DURATION: {
    text: 'The duration must be a whole number of days from 1 to 36,500.',
    next: 'Fix the number of days, or leave it empty for a link that never expires, and send again.',
  },
  INVALID_FLAG: { text: 'The switch was neither on nor off.', next: 'Reload the page and try again.' },
  INVALID_CLIENT_KEY: enOwnerSite,
  INVALID_SESSION_TOKENS: enOwnerSite,
  ENTRY_NOT_FOUND: { text: 'This media could not be found.', next: 'Check that it still exists, then reload the page.' },
  ENTRY_UNAVAILABLE: { text: 'This media is no longer available, so it cannot be shared.', next: 'Choose something else to share.' },
  ENTRY_TYPE_UNSUPPORTED: { text: 'Guest links are not offered for this kind of media.', next: 'If the site offers it, invite people by email instead.' },
  INVITE_TO_MEDIA_MODULE_OFF: { text: 'Inviting people to media is turned off on this site.', next: 'Ask a site administrator to turn it on.' },
  MEDIA_PAGE_OFF: { text: 'Media pages are turned off on this site.', next: 'Ask a site administrator to turn them on.' },
  NOT_PERMITTED: { text: 'You are not allowed to do this for this media.', next: 'If you need to, ask its owner or a site administrator.' },
  GUEST_ACCESS_OFF: { text: 'Guest access to this media is turned off.', next: 'Turn guest access on, then try again.' },
  GUEST_LINK_CAP_REACHED: {
    text: 'This media already has as many guest links as it may have, counting expired and used-up ones.',
    next: 'Delete a link you no longer need, then make the new one.',
  },
  LINK_NOT_FOUND: { text: 'This guest link no longer exists.', next: 'Reload the list of links.' },
  LINK_INVALID: { text: 'This link no longer works: it expired, was used up or was deleted.', next: 'Make a new guest link and share it.' },
  NOT_A_ROOM: { text: 'This kind of media has no waiting room: its guests go straight in.', next: 'To make guests wait for you, share a room instead.' },
  SESSION_INVALID: enOwnerSite,
  SESSION_EXPIRED: { text: 'This guest’s visit has already ended.', next: 'Reload the list of guests.' },
  SESSION_NOT_FOUND: { text: 'This guest is no longer on the list.', next: 'Reload the list of guests.' },
  SESSION_CHANGED: { text: 'Another moderator dealt with this guest at the same moment.', next: 'Reload the list of guests to see what changed.' },
  GUEST_DECLINED: {
    text: 'This guest was declined: they cannot come in, nor join again.',
    next: 'To let them in after all, admit them from the lobby.',
  },
  GUEST_WAITING: { text: 'This guest is in the waiting room.', next: 'Let them in or decline them from the waiting room.' },
  LINK_GUEST_CAP_REACHED: { text: 'This link has let in as many guests as a link may.', next: 'Make a new guest link for more guests.' },
  WAITING_ROOM_FULL: { text: 'The waiting room is full.', next: 'Let in or decline the guests who are waiting, to make room.' },
  INVALID_LIMIT: { text: 'The page size must be a whole number from 1 to 1,000.', next: 'Choose a page size in that range and try again.' },
  INVALID_CURSOR: enOldPage,
  INVALID_STATUS: { text: 'The list cannot be filtered this way.', next: 'Choose another filter, or show the whole list.' },
  INVALID_PROOF: { text: 'The proof sent with a join was not text of at most 4,096 characters.', next: 'Fix how your page sends the check’s answer with the join.' },
  INVALID_DOMAINS: { text: 'The domains could not be read.', next: 'Enter domain names such as example.org, at most 100, and send again.' },
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'The guest’s address is at a domain this link does not let in.', next: 'To let them in, make a link whose domains include theirs.' },
  JOIN_VETOED: { text: 'Your own check before a join refused this guest.', next: 'The reason it named is in the refusal’s detail.' },
  JOIN_CHECK_FAILED: { text: 'Your own check before a join failed or took too long, so the guest was not let in.', next: 'Look at the check’s own logs; nothing was spent.' },
  INVALID_PASSCODE: { text: 'A passcode must be 6 to 128 characters, with no line breaks.', next: 'Choose a longer passcode and send again.' },
  INVALID_DAY_RANGE: { text: 'The first and last days must be UTC days written YYYY-MM-DD, the first no later than the last, at most 366 days together.', next: 'Correct the days and ask again.' },
  PASSCODE_REQUIRED: { text: 'The guest gave no passcode, and this link has one.', next: 'Give guests the passcode along with the link.' },
  WRONG_PASSCODE: { text: 'The guest gave a passcode that is not this link’s.', next: 'If you changed the passcode, give guests the new one.' },
  VERIFICATION_REQUIRED: { text: 'The link checks guests’ addresses, and the guest tried to join without a code.', next: 'Nothing to do: the guest’s page asks for a code.' },
  CODE_RESEND_TOO_SOON: { text: 'A code was asked for the same address too often.', next: 'Nothing to do: more can be sent after a while.' },
  CODE_NOT_SENT: { text: 'The mailer failed to send a guest’s code.', next: 'Check the site’s mail settings; nothing was spent.' },
  VERIFICATION_INVALID: { text: 'A guest gave a check of their address that this site did not start.', next: 'Nothing to do.' },
  CODE_EXPIRED: { text: 'A guest gave a code that had expired or had too many wrong tries.', next: 'Nothing to do: the guest can ask for a new one.' },
  WRONG_CODE: { text: 'A guest gave a code that is not the one sent.', next: 'Nothing to do.' },
  INVALID_ROLE: { text: 'No role was chosen for the invitation.', next: 'Choose a role and send again.' },
  INVALID_EMAIL_LIST: { text: 'The email addresses could not be read.', next: 'Enter one or more email addresses and send again.' },
  INVALID_INVITE_ID: { text: 'The address of this invitation is not valid.', next: 'Reload the list of invitations and try again.' },
  INVALID_CLAIMANT: enAccount,
  INVALID_SEND_FLAG: { text: 'The choice to send the email or not could not be read.', next: 'Reload the page and try again.' },
  INVALID_LOCALE: { text: 'The site does not know the language chosen for the email.', next: 'Choose another language and send again.' },
  INVALID_TIME_ZONE: { text: 'The site does not know the time zone chosen for the email.', next: 'Choose another time zone and send again.' },
  TOO_MANY_ADDRESSES: { text: 'There are too many addresses to send at once.', next: 'Send the invitations in smaller groups.' },
  ROLE_NOT_ALLOWED: { text: 'This role is not offered for this kind of media.', next: 'Choose another role and send again.' },
  ROLE_ABOVE_INVITER: { text: 'You cannot give a role above your own.', next: 'Choose your own role or a lower one, and send again.' },
  PENDING_INVITE_CAP_REACHED: {
    text: 'This media already has as many unanswered invitations as it may have.',
    next: 'Withdraw invitations nobody has answered, then send again.',
  },
  DUPLICATE_ADDRESS: { text: 'This address is already higher up in the list.', next: 'Remove the second copy and send again.' },
  INVITE_NOT_FOUND: { text: 'This invitation no longer exists.', next: 'Reload the list of invitations.' },
  INVITE_INVALID: { text: 'This invitation link does not work.', next: 'Send the invitation again from the list of invitations.' },
  INVITE_EXPIRED: { text: 'This invitation has expired.', next: 'Invite the person again to send them a new one.' },
  INVITE_REVOKED: { text: 'This invitation was withdrawn.', next: 'Invite the person again if you still want them to come.' },
  INVITE_DECLINED: { text: 'The person declined this invitation.', next: 'Invite them again if they change their mind.' },
  INVITE_ALREADY_ACCEPTED: { text: 'This invitation has already been accepted.', next: 'Nothing more is needed: the person already has access.' },
  INVITE_NOT_PENDING: {
    text: 'This invitation was already answered or withdrawn, or it has expired.',
    next: 'Reload the list of invitations to see where it stands.',
  },
  EMAIL_MISMATCH: enEmailMismatch,
  EMAIL_NOT_VERIFIED: enNotVerified,
  RESEND_TOO_SOON: { text: 'This invitation was sent moments ago.', next: 'Wait a little, then send it again.' },
  INVITE_CHANGED: { text: 'This invitation was changed elsewhere at the same moment.', next: 'Reload the list of invitations and try again.' },
  ACCEPTANCE_IN_PROGRESS: { text: 'This invitation is being accepted right now.', next: 'Reload the list in a moment to see the result.' },
  INVITE_BEING_SENT: enBeingSent,
  UNAUTHENTICATED: { text: enSignIn, next: 'Sign in, then try again.' },
  CROSS_SITE_REQUEST: enCrossSite,
  NOT_FOUND: { text: enNothingHere, next: 'Check the address, or go back to the media and try again.' },
  METHOD_NOT_ALLOWED: enOwnerSite,
  REQUEST_TIMEOUT: enTooSlow,
  PAYLOAD_TOO_LARGE: { text: enTooLarge, next: 'Send less at a time, such as fewer email addresses, and try again.' },
  UNSUPPORTED_MEDIA_TYPE: enOwnerSite,
  MALFORMED_BODY: { text: enUnreadable, next: enOwnerSite.next },
  INVALID_NEXT: enOwnerSite,
  RATE_LIMITED: enRateLimited,
  SERVICE_UNAVAILABLE: enUnavailable,
  TOO_MANY_STREAMS: { text: enTooManyWatching, next: 'Reload the list of guests now and then to see who is waiting.' },
  INTERNAL_ERROR: enOwnerSite,
};

// French: « vous », the typographic apostrophe, a narrow no-break space before ; ! ? and between
// groups of digits, a no-break space before : (so that a line never breaks there).

const frGuestSite: RefusalWords = {
  text: 'Un problème est survenu sur le site.',
  next: 'Rechargez la page et réessayez. Si cela se reproduit, prévenez la personne qui vous a transmis le lien.',
};
const frInviteeSite: RefusalWords = {
  text: 'Un problème est survenu sur le site.',
  next: 'Rechargez la page et réessayez. Si cela se reproduit, prévenez la personne qui vous a envoyé l’invitation.',
};
const frOwnerSite: RefusalWords = {
  text: 'Un problème est survenu sur le site.',
  next: 'Rechargez la page et réessayez. Si cela se reproduit, prévenez les administrateurs du site.',
};
const frGuestAddress: RefusalWords = { text: 'L’adresse de cette page est incomplète.', next: 'Rouvrez le lien tel que vous l’avez reçu.' };
const frAccount: RefusalWords = {
  text: 'Un problème est survenu sur le site : votre compte n’a pas pu être lu.',
  next: 'Rechargez la page, reconnectez-vous si on vous le demande, puis réessayez.',
};
const frLinkGone: RefusalWords = { text: 'Ce lien ne fonctionne plus.', next: 'Demandez un nouveau lien à la personne qui vous l’a transmis.' };
const frOldPage: RefusalWords = { text: 'Cette page de la liste n’est plus à jour.', next: 'Revenez à la première page de la liste.' };
const frBadEmail: RefusalWords = { text: 'Cette adresse e-mail ne semble pas correcte.', next: 'Corrigez l’adresse et envoyez à nouveau.' };
const frEmailMismatch: RefusalWords = {
  text: 'Cette invitation est destinée à une autre adresse e-mail que celle de votre compte.',
  next: 'Connectez-vous avec le compte de l’adresse à laquelle l’invitation a été envoyée.',
};
const frNotVerified: RefusalWords = {
  text: 'Votre adresse e-mail n’est pas encore vérifiée.',
  next: 'Vérifiez-la dans les paramètres de votre compte, puis réessayez.',
};
const frBeingSent: RefusalWords = { text: 'Cette invitation est en cours d’envoi.', next: 'Réessayez dans une minute.' };

const frVisitorSite: RefusalWords = {
  text: 'Un problème est survenu sur le site.',
  next: 'Rechargez la page et réessayez. Si cela se reproduit, prévenez la personne qui vous a envoyé le lien.',
};
const frSignIn = 'Cette action demande de vous connecter.';
const frCrossSite: RefusalWords = {
  text: 'Rien n’a été fait : cette demande ne venait pas de ce site.',
  next: 'Revenez à la page sur ce site et réessayez depuis celle-ci.',
};
const frNothingHere = 'Il n’y a rien à cette adresse.';
const frTooSlow: RefusalWords = {
  text: 'Votre connexion était trop lente : ce que vous avez envoyé n’est pas arrivé à temps.',
  next: 'Vérifiez votre connexion, puis envoyez à nouveau.',
};
const frTooLarge = 'Ce que vous avez envoyé est trop volumineux pour ce site.';
const frUnreadable = 'Ce que vous avez envoyé n’a pas pu être lu.';
const frRateLimited: RefusalWords = { text: 'Trop d’essais depuis cette connexion en peu de temps.', next: 'Attendez une minute, puis réessayez.' };
const frUnavailable: RefusalWords = { text: 'Le site ne peut pas répondre pour le moment.', next: 'Attendez quelques secondes, puis réessayez.' };
const frTooManyWatching = 'Trop de personnes ont cette page ouverte pour qu’elle se mette à jour toute seule.';

/** Français, à l’invité ou à la personne invitée. */
export const frGuest: Refusals = {
  INVALID_INPUT: frGuestSite,
  INVALID_ACTOR: frGuestSite,
  INVALID_ENTRY_ID: frGuestAddress,
  INVALID_LINK_ID: frGuestAddress,
  INVALID_SESSION_ID: frGuestAddress,
  INVALID_NAME: { text: 'Votre nom doit compter de 1 à 100 caractères.', next: 'Corrigez votre nom et envoyez à nouveau.' },
  INVALID_EMAIL: { text: 'Cette adresse e-mail ne semble pas correcte.', next: 'Vérifiez votre adresse e-mail et envoyez à nouveau.' },
  INVALID_USE_LIMIT: frGuestSite,
  INVALID_DURATION: frGuestSite,
  INVALID_FLAG: frGuestSite,
  INVALID_CLIENT_KEY: frGuestSite,
  INVALID_SESSION_TOKENS: frGuestSite,
  ENTRY_NOT_FOUND: { text: 'Ce média est introuvable.', next: 'Demandez à la personne qui vous a transmis le lien s’il existe encore.' },
  ENTRY_UNAVAILABLE: {
    text: 'Ce média n’est plus disponible.',
    next: 'Si vous en avez encore besoin, adressez-vous à la personne qui vous a transmis le lien.',
  },
  ENTRY_TYPE_UNSUPPORTED: {
    text: 'Ce média ne peut pas s’ouvrir avec un lien invité.',
    next: 'Demandez à la personne qui vous a transmis le lien un autre moyen de consulter ce média.',
  },
  INVITE_TO_MEDIA_MODULE_OFF: {
    text: 'Le partage de médias est désactivé sur ce site pour le moment.',
    next: 'Demandez à la personne qui vous a transmis le lien un autre moyen de consulter ce média.',
  },
  MEDIA_PAGE_OFF: {
    text: 'Les pages des médias sont désactivées sur ce site pour le moment.',
    next: 'Réessayez plus tard ou adressez-vous à la personne qui vous a transmis le lien.',
  },
  NOT_PERMITTED: {
    text: 'Vous n’avez pas le droit de faire cela.',
    next: 'Si vous pensez que c’est une erreur, adressez-vous à la personne qui vous a transmis le lien.',
  },
  GUEST_ACCESS_OFF: { text: 'Ce média est fermé aux visiteurs pour le moment.', next: 'Demandez à la personne qui vous a transmis le lien de rouvrir l’accès.' },
  GUEST_LINK_CAP_REACHED: frGuestSite,
  LINK_NOT_FOUND: frLinkGone,
  LINK_INVALID: {
    text: 'Ce lien ne fonctionne plus : il a peut-être expiré, atteint son nombre de clics ou été supprimé.',
    next: frLinkGone.next,
  },
  NOT_A_ROOM: { text: 'Il n’y a pas de salle d’attente ici.', next: 'Rouvrez le lien tel que vous l’avez reçu.' },
  SESSION_INVALID: { text: 'Cette page ne reconnaît pas votre visite.', next: 'Rouvrez le lien que vous avez reçu.' },
  SESSION_EXPIRED: { text: 'Votre visite est terminée.', next: 'Pour revenir, rouvrez le lien que vous avez reçu.' },
  SESSION_NOT_FOUND: { text: 'Votre visite est introuvable.', next: 'Rouvrez le lien que vous avez reçu.' },
  SESSION_CHANGED: { text: 'Cette page a changé entre-temps.', next: 'Rechargez la page.' },
  GUEST_DECLINED: {
    text: 'Un modérateur vous a fermé l’accès à cette salle.',
    next: 'Si vous pensez que c’est une erreur, contactez la personne qui vous a transmis le lien.',
  },
  GUEST_WAITING: {
    text: 'Vous êtes dans la salle d’attente : un modérateur va vous faire entrer sous peu.',
    next: 'Patientez ici : cette page se met à jour toute seule.',
  },
  LINK_GUEST_CAP_REACHED: { text: 'Ce lien a déjà fait entrer autant de personnes qu’il le pouvait.', next: frLinkGone.next },
  WAITING_ROOM_FULL: { text: 'La salle d’attente est pleine.', next: 'Réessayez dans quelques minutes.' },
  INVALID_LIMIT: frGuestSite,
  INVALID_CURSOR: frOldPage,
  INVALID_STATUS: frGuestSite,
  INVALID_PROOF: { text: 'La vérification avant d’entrer n’a pas abouti.', next: 'Refaites la vérification sur la page, puis entrez.' },
  INVALID_DOMAINS: frGuestSite,
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'Ce lien n’est pas ouvert aux adresses du domaine de votre e-mail.', next: 'Entrez avec votre adresse professionnelle ou scolaire, ou demandez à la personne qui a partagé le lien à quelles adresses il est destiné.' },
  JOIN_VETOED: { text: 'Ce site ne vous a pas laissé entrer par ce lien.', next: 'Si vous pensez que c’est une erreur, demandez à la personne qui a partagé le lien.' },
  JOIN_CHECK_FAILED: { text: 'L’entrée n’a pas pu être vérifiée pour l’instant.', next: 'Réessayez dans un moment.' },
  INVALID_PASSCODE: { text: 'Un code d’accès compte de 6 à 128 caractères.', next: 'Vérifiez le code que l’on vous a donné et saisissez-le à nouveau.' },
  INVALID_DAY_RANGE: { text: 'Les jours demandés ne peuvent pas être affichés.', next: 'Choisissez un premier et un dernier jour à un an d’écart au plus, le premier avant le dernier.' },
  PASSCODE_REQUIRED: { text: 'Ce lien demande un code d’accès.', next: 'Saisissez le code que vous a donné la personne qui a partagé le lien.' },
  WRONG_PASSCODE: { text: 'Ce code d’accès n’est pas celui de ce lien.', next: 'Vérifiez le code que l’on vous a donné et saisissez-le à nouveau ; après plusieurs erreurs, il faudra attendre.' },
  VERIFICATION_REQUIRED: { text: 'Ce lien vérifie d’abord votre adresse e-mail, avec un code que nous y envoyons.', next: 'Demandez le code, puis saisissez-le.' },
  CODE_RESEND_TOO_SOON: { text: 'Nous venons d’envoyer un code à cette adresse.', next: 'Cherchez-le dans votre boîte de réception (et vos indésirables) ; vous pourrez en demander un autre dans un moment.' },
  CODE_NOT_SENT: { text: 'Nous n’avons pas pu envoyer le code pour l’instant.', next: 'Réessayez dans quelques minutes.' },
  VERIFICATION_INVALID: { text: 'Cette vérification de votre adresse n’a pas été lancée par nous.', next: 'Rouvrez le lien et demandez un nouveau code.' },
  CODE_EXPIRED: { text: 'Ce code ne fonctionne plus : il a plus de 10 minutes, ou a été mal saisi trop de fois.', next: 'Demandez un nouveau code.' },
  WRONG_CODE: { text: 'Ce code n’est pas celui que nous avons envoyé.', next: 'Consultez notre dernier message et saisissez à nouveau son code.' },
  INVALID_ROLE: frInviteeSite,
  INVALID_EMAIL_LIST: frInviteeSite,
  INVALID_INVITE_ID: { text: 'L’adresse de cette invitation est incomplète.', next: 'Rouvrez le lien de votre e-mail d’invitation, tel quel.' },
  INVALID_CLAIMANT: frAccount,
  INVALID_SEND_FLAG: frInviteeSite,
  INVALID_LOCALE: frInviteeSite,
  INVALID_TIME_ZONE: frInviteeSite,
  TOO_MANY_ADDRESSES: frInviteeSite,
  ROLE_NOT_ALLOWED: frInviteeSite,
  ROLE_ABOVE_INVITER: frInviteeSite,
  PENDING_INVITE_CAP_REACHED: frInviteeSite,
  DUPLICATE_ADDRESS: frInviteeSite,
  INVITE_NOT_FOUND: { text: 'Cette invitation est introuvable.', next: 'Demandez à la personne qui vous l’a envoyée de vous la renvoyer.' },
  INVITE_INVALID: {
    text: 'Ce lien d’invitation ne fonctionne pas.',
    next: 'Rouvrez le lien de votre e-mail d’invitation, ou demandez-en un nouveau à la personne qui vous a envoyé l’invitation.',
  },
  INVITE_EXPIRED: { text: 'Votre invitation a expiré.', next: 'Demandez à la personne qui vous l’a envoyée de vous la renvoyer.' },
  INVITE_REVOKED: {
    text: 'Cette invitation a été retirée.',
    next: 'Si vous avez encore besoin d’y accéder, adressez-vous à la personne qui vous l’avait envoyée.',
  },
  INVITE_DECLINED: {
    text: 'Vous avez décliné cette invitation.',
    next: 'Si vous avez changé d’avis, demandez à la personne qui vous l’a envoyée de vous inviter à nouveau.',
  },
  INVITE_ALREADY_ACCEPTED: {
    text: 'Cette invitation a déjà été acceptée.',
    next: 'Si c’était vous, ouvrez le média depuis votre compte ; sinon, prévenez la personne qui vous l’a envoyée.',
  },
  INVITE_NOT_PENDING: { text: 'Cette invitation ne peut plus être acceptée.', next: 'Demandez-en une nouvelle à la personne qui vous l’a envoyée.' },
  EMAIL_MISMATCH: frEmailMismatch,
  EMAIL_NOT_VERIFIED: frNotVerified,
  RESEND_TOO_SOON: frInviteeSite,
  INVITE_CHANGED: { text: 'Votre invitation a changé entre-temps.', next: 'Rechargez la page et réessayez.' },
  ACCEPTANCE_IN_PROGRESS: { text: 'Votre invitation est en cours d’acceptation.', next: 'Réessayez dans un instant.' },
  INVITE_BEING_SENT: frBeingSent,
  UNAUTHENTICATED: { text: frSignIn, next: 'Connectez-vous, puis rouvrez le lien.' },
  CROSS_SITE_REQUEST: frCrossSite,
  NOT_FOUND: { text: frNothingHere, next: 'Vérifiez l’adresse, ou rouvrez le lien que vous avez reçu.' },
  METHOD_NOT_ALLOWED: frVisitorSite,
  REQUEST_TIMEOUT: frTooSlow,
  PAYLOAD_TOO_LARGE: { text: frTooLarge, next: 'Raccourcissez ce que vous avez saisi et envoyez à nouveau.' },
  UNSUPPORTED_MEDIA_TYPE: frVisitorSite,
  MALFORMED_BODY: { text: frUnreadable, next: frVisitorSite.next },
  INVALID_NEXT: frVisitorSite,
  RATE_LIMITED: frRateLimited,
  SERVICE_UNAVAILABLE: frUnavailable,
  TOO_MANY_STREAMS: { text: frTooManyWatching, next: 'Rechargez la page dans une minute pour voir si quelque chose a changé.' },
  INTERNAL_ERROR: frVisitorSite,
};

/** Français, au propriétaire, à un modérateur ou à la personne qui invite. */
export const frOwner: Refusals = {
  INVALID_INPUT: frOwnerSite,
  INVALID_ACTOR: {
    text: 'Un problème est survenu sur le site : il n’a pas pu vous identifier.',
    next: 'Rechargez la page, reconnectez-vous si on vous le demande, puis réessayez.',
  },
  INVALID_ENTRY_ID: { text: 'L’adresse de ce média n’est pas valide.', next: 'Revenez au média et réessayez.' },
  INVALID_LINK_ID: { text: 'L’adresse de ce lien invité n’est pas valide.', next: 'Rechargez la liste des liens et réessayez.' },
  INVALID_SESSION_ID: { text: 'Cet invité n’a pas pu être identifié.', next: 'Rechargez la liste des invités et réessayez.' },
  INVALID_NAME: { text: 'Le nom doit compter de 1 à 100 caractères.', next: 'Corrigez le nom et envoyez à nouveau.' },
  INVALID_EMAIL: frBadEmail,
  INVALID_USE_LIMIT: {
    text: 'Le nombre de clics doit être un nombre entier de 1 à 2 147 483 647.',
    next: 'Corrigez le nombre, ou laissez le champ vide pour des clics illimités, puis envoyez à nouveau.',
  },
  INVALID_DURATION: {
    text: 'La durée doit être un nombre entier de jours, de 1 à 36 500.',
    next: 'Corrigez le nombre de jours, ou laissez le champ vide pour un lien qui n’expire jamais, puis envoyez à nouveau.',
  },
  INVALID_FLAG: { text: 'L’interrupteur n’était ni activé ni désactivé.', next: 'Rechargez la page et réessayez.' },
  INVALID_CLIENT_KEY: frOwnerSite,
  INVALID_SESSION_TOKENS: frOwnerSite,
  ENTRY_NOT_FOUND: { text: 'Ce média est introuvable.', next: 'Vérifiez qu’il existe encore, puis rechargez la page.' },
  ENTRY_UNAVAILABLE: { text: 'Ce média n’est plus disponible, il ne peut donc pas être partagé.', next: 'Choisissez autre chose à partager.' },
  ENTRY_TYPE_UNSUPPORTED: {
    text: 'Les liens invités ne sont pas proposés pour ce type de média.',
    next: 'Si le site le permet, invitez plutôt les personnes par e-mail.',
  },
  INVITE_TO_MEDIA_MODULE_OFF: { text: 'Les invitations aux médias sont désactivées sur ce site.', next: 'Demandez à un administrateur du site de les activer.' },
  MEDIA_PAGE_OFF: { text: 'Les pages des médias sont désactivées sur ce site.', next: 'Demandez à un administrateur du site de les activer.' },
  NOT_PERMITTED: {
    text: 'Vous n’avez pas le droit de faire cela pour ce média.',
    next: 'Si vous en avez besoin, adressez-vous à son propriétaire ou à un administrateur du site.',
  },
  GUEST_ACCESS_OFF: { text: 'L’accès invité à ce média est désactivé.', next: 'Activez l’accès invité, puis réessayez.' },
  GUEST_LINK_CAP_REACHED: {
    text: 'Ce média a déjà autant de liens invités qu’il peut en avoir, liens expirés et épuisés compris.',
    next: 'Supprimez un lien dont vous n’avez plus besoin, puis créez le nouveau.',
  },
  LINK_NOT_FOUND: { text: 'Ce lien invité n’existe plus.', next: 'Rechargez la liste des liens.' },
  LINK_INVALID: {
    text: 'Ce lien ne fonctionne plus : il a expiré, atteint son nombre de clics ou été supprimé.',
    next: 'Créez un nouveau lien invité et partagez-le.',
  },
  NOT_A_ROOM: {
    text: 'Ce type de média n’a pas de salle d’attente : ses invités entrent directement.',
    next: 'Pour que les invités attendent votre accord, partagez plutôt une salle.',
  },
  SESSION_INVALID: frOwnerSite,
  SESSION_EXPIRED: { text: 'La visite de cet invité est déjà terminée.', next: 'Rechargez la liste des invités.' },
  SESSION_NOT_FOUND: { text: 'Cet invité n’est plus dans la liste.', next: 'Rechargez la liste des invités.' },
  SESSION_CHANGED: {
    text: 'Un autre modérateur s’est occupé de cet invité au même moment.',
    next: 'Rechargez la liste des invités pour voir ce qui a changé.',
  },
  GUEST_DECLINED: {
    text: 'Cet invité a été refusé : il ne peut ni entrer ni se joindre à nouveau.',
    next: 'Pour le faire entrer malgré tout, admettez-le depuis la salle d’attente.',
  },
  GUEST_WAITING: { text: 'Cet invité est dans la salle d’attente.', next: 'Faites-le entrer ou refusez-le depuis la salle d’attente.' },
  LINK_GUEST_CAP_REACHED: {
    text: 'Ce lien a fait entrer autant d’invités qu’un lien le peut.',
    next: 'Créez un nouveau lien invité pour accueillir d’autres invités.',
  },
  WAITING_ROOM_FULL: {
    text: 'La salle d’attente est pleine.',
    next: 'Faites entrer ou refusez les invités qui attendent, pour libérer de la place.',
  },
  INVALID_LIMIT: {
    text: 'La taille de page doit être un nombre entier de 1 à 1 000.',
    next: 'Choisissez une taille de page dans cet intervalle et réessayez.',
  },
  INVALID_CURSOR: frOldPage,
  INVALID_STATUS: { text: 'La liste ne peut pas être filtrée de cette façon.', next: 'Choisissez un autre filtre ou affichez toute la liste.' },
  INVALID_PROOF: { text: 'La preuve envoyée pour une entrée n’était pas un texte d’au plus 4 096 caractères.', next: 'Corrigez la façon dont votre page envoie la réponse de la vérification.' },
  INVALID_DOMAINS: { text: 'Les domaines n’ont pas pu être lus.', next: 'Saisissez des noms de domaine comme example.org, au plus 100, puis renvoyez.' },
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'L’adresse de l’invité est d’un domaine que ce lien ne laisse pas entrer.', next: 'Pour le laisser entrer, créez un lien dont les domaines comprennent le sien.' },
  JOIN_VETOED: { text: 'Votre propre vérification avant l’entrée a refusé cet invité.', next: 'La raison qu’elle a donnée figure dans le détail du refus.' },
  JOIN_CHECK_FAILED: { text: 'Votre propre vérification avant l’entrée a échoué ou a trop tardé : l’invité n’est pas entré.', next: 'Consultez les journaux de la vérification ; rien n’a été utilisé.' },
  INVALID_PASSCODE: { text: 'Un code d’accès doit compter de 6 à 128 caractères, sans saut de ligne.', next: 'Choisissez un code plus long et envoyez à nouveau.' },
  INVALID_DAY_RANGE: { text: 'Le premier et le dernier jour doivent être des jours UTC écrits AAAA-MM-JJ, le premier au plus tard le dernier, 366 jours au plus en tout.', next: 'Corrigez les jours et demandez à nouveau.' },
  PASSCODE_REQUIRED: { text: 'L’invité n’a donné aucun code d’accès, et ce lien en a un.', next: 'Donnez le code aux invités avec le lien.' },
  WRONG_PASSCODE: { text: 'L’invité a donné un code d’accès qui n’est pas celui de ce lien.', next: 'Si vous avez changé le code, donnez le nouveau aux invités.' },
  VERIFICATION_REQUIRED: { text: 'Le lien vérifie l’adresse des invités, et l’invité a voulu entrer sans code.', next: 'Rien à faire : la page de l’invité demande un code.' },
  CODE_RESEND_TOO_SOON: { text: 'Un code a été demandé trop souvent pour la même adresse.', next: 'Rien à faire : d’autres pourront partir dans un moment.' },
  CODE_NOT_SENT: { text: 'L’envoi du code d’un invité a échoué.', next: 'Vérifiez les réglages d’e-mail du site ; rien n’a été consommé.' },
  VERIFICATION_INVALID: { text: 'Un invité a présenté une vérification d’adresse que ce site n’a pas lancée.', next: 'Rien à faire.' },
  CODE_EXPIRED: { text: 'Un invité a donné un code expiré ou mal saisi trop de fois.', next: 'Rien à faire : l’invité peut en demander un nouveau.' },
  WRONG_CODE: { text: 'Un invité a donné un code qui n’est pas celui envoyé.', next: 'Rien à faire.' },
  INVALID_ROLE: { text: 'Aucun rôle n’a été choisi pour l’invitation.', next: 'Choisissez un rôle et envoyez à nouveau.' },
  INVALID_EMAIL_LIST: { text: 'Les adresses e-mail n’ont pas pu être lues.', next: 'Saisissez une ou plusieurs adresses e-mail et envoyez à nouveau.' },
  INVALID_INVITE_ID: { text: 'L’adresse de cette invitation n’est pas valide.', next: 'Rechargez la liste des invitations et réessayez.' },
  INVALID_CLAIMANT: frAccount,
  INVALID_SEND_FLAG: { text: 'Le choix d’envoyer ou non l’e-mail n’a pas pu être lu.', next: 'Rechargez la page et réessayez.' },
  INVALID_LOCALE: { text: 'Le site ne connaît pas la langue choisie pour l’e-mail.', next: 'Choisissez une autre langue et envoyez à nouveau.' },
  INVALID_TIME_ZONE: {
    text: 'Le site ne connaît pas le fuseau horaire choisi pour l’e-mail.',
    next: 'Choisissez un autre fuseau horaire et envoyez à nouveau.',
  },
  TOO_MANY_ADDRESSES: { text: 'Il y a trop d’adresses pour un seul envoi.', next: 'Envoyez les invitations en plusieurs fois.' },
  ROLE_NOT_ALLOWED: { text: 'Ce rôle n’est pas proposé pour ce type de média.', next: 'Choisissez un autre rôle et envoyez à nouveau.' },
  ROLE_ABOVE_INVITER: {
    text: 'Vous ne pouvez pas accorder un rôle supérieur au vôtre.',
    next: 'Choisissez votre propre rôle ou un rôle inférieur, puis envoyez à nouveau.',
  },
  PENDING_INVITE_CAP_REACHED: {
    text: 'Ce média a déjà autant d’invitations sans réponse qu’il peut en avoir.',
    next: 'Retirez des invitations restées sans réponse, puis envoyez à nouveau.',
  },
  DUPLICATE_ADDRESS: { text: 'Cette adresse figure déjà plus haut dans la liste.', next: 'Supprimez le doublon et envoyez à nouveau.' },
  INVITE_NOT_FOUND: { text: 'Cette invitation n’existe plus.', next: 'Rechargez la liste des invitations.' },
  INVITE_INVALID: { text: 'Ce lien d’invitation ne fonctionne pas.', next: 'Renvoyez l’invitation depuis la liste des invitations.' },
  INVITE_EXPIRED: { text: 'Cette invitation a expiré.', next: 'Invitez de nouveau la personne pour lui en envoyer une autre.' },
  INVITE_REVOKED: { text: 'Cette invitation a été retirée.', next: 'Invitez de nouveau la personne si vous souhaitez toujours qu’elle vienne.' },
  INVITE_DECLINED: { text: 'La personne a décliné cette invitation.', next: 'Invitez-la de nouveau si elle change d’avis.' },
  INVITE_ALREADY_ACCEPTED: { text: 'Cette invitation a déjà été acceptée.', next: 'Il n’y a rien d’autre à faire : la personne a déjà accès.' },
  INVITE_NOT_PENDING: {
    text: 'Cette invitation a déjà reçu une réponse, a été retirée ou a expiré.',
    next: 'Rechargez la liste des invitations pour voir où elle en est.',
  },
  EMAIL_MISMATCH: frEmailMismatch,
  EMAIL_NOT_VERIFIED: frNotVerified,
  RESEND_TOO_SOON: { text: 'Cette invitation vient d’être envoyée.', next: 'Patientez un peu, puis renvoyez-la.' },
  INVITE_CHANGED: { text: 'Cette invitation a été modifiée ailleurs au même moment.', next: 'Rechargez la liste des invitations et réessayez.' },
  ACCEPTANCE_IN_PROGRESS: { text: 'Cette invitation est en cours d’acceptation.', next: 'Rechargez la liste dans un instant pour voir le résultat.' },
  INVITE_BEING_SENT: frBeingSent,
  UNAUTHENTICATED: { text: frSignIn, next: 'Connectez-vous, puis réessayez.' },
  CROSS_SITE_REQUEST: frCrossSite,
  NOT_FOUND: { text: frNothingHere, next: 'Vérifiez l’adresse, ou revenez au média et réessayez.' },
  METHOD_NOT_ALLOWED: frOwnerSite,
  REQUEST_TIMEOUT: frTooSlow,
  PAYLOAD_TOO_LARGE: { text: frTooLarge, next: 'Envoyez moins à la fois, par exemple moins d’adresses e-mail, puis réessayez.' },
  UNSUPPORTED_MEDIA_TYPE: frOwnerSite,
  MALFORMED_BODY: { text: frUnreadable, next: frOwnerSite.next },
  INVALID_NEXT: frOwnerSite,
  RATE_LIMITED: frRateLimited,
  SERVICE_UNAVAILABLE: frUnavailable,
  TOO_MANY_STREAMS: { text: frTooManyWatching, next: 'Rechargez de temps en temps la liste des invités pour voir qui attend.' },
  INTERNAL_ERROR: frOwnerSite,
};

// German: the formal « Sie ».

const deGuestSite: RefusalWords = {
  text: 'Auf der Website ist ein Fehler aufgetreten.',
  next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal. Wenn es wieder passiert, geben Sie der Person Bescheid, die Ihnen den Link geschickt hat.',
};
const deInviteeSite: RefusalWords = {
  text: 'Auf der Website ist ein Fehler aufgetreten.',
  next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal. Wenn es wieder passiert, geben Sie der Person Bescheid, die Sie eingeladen hat.',
};
const deOwnerSite: RefusalWords = {
  text: 'Auf der Website ist ein Fehler aufgetreten.',
  next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal. Wenn es wieder passiert, geben Sie den Administratoren der Website Bescheid.',
};
const deGuestAddress: RefusalWords = {
  text: 'Die Adresse dieser Seite ist unvollständig.',
  next: 'Öffnen Sie den Link noch einmal genau so, wie Sie ihn erhalten haben.',
};
const deAccount: RefusalWords = {
  text: 'Auf der Website ist ein Fehler aufgetreten: Ihr Konto konnte nicht gelesen werden.',
  next: 'Laden Sie die Seite neu, melden Sie sich bei Bedarf erneut an und versuchen Sie es noch einmal.',
};
const deLinkGone: RefusalWords = { text: 'Dieser Link funktioniert nicht mehr.', next: 'Bitten Sie die Person, die ihn Ihnen geschickt hat, um einen neuen.' };
const deOldPage: RefusalWords = { text: 'Diese Seite der Liste ist nicht mehr aktuell.', next: 'Kehren Sie zur ersten Seite der Liste zurück.' };
const deBadEmail: RefusalWords = {
  text: 'Diese E-Mail-Adresse scheint nicht zu stimmen.',
  next: 'Korrigieren Sie die Adresse und senden Sie das Formular erneut.',
};
const deEmailMismatch: RefusalWords = {
  text: 'Diese Einladung gilt für eine andere E-Mail-Adresse als die Ihres Kontos.',
  next: 'Melden Sie sich mit dem Konto der Adresse an, an die die Einladung geschickt wurde.',
};
const deNotVerified: RefusalWords = {
  text: 'Ihre E-Mail-Adresse ist noch nicht bestätigt.',
  next: 'Bestätigen Sie sie in Ihren Kontoeinstellungen und versuchen Sie es dann noch einmal.',
};
const deBeingSent: RefusalWords = { text: 'Diese Einladung wird gerade gesendet.', next: 'Versuchen Sie es in einer Minute noch einmal.' };

const deVisitorSite: RefusalWords = {
  text: 'Auf der Website ist ein Fehler aufgetreten.',
  next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal. Wenn es wieder passiert, geben Sie der Person Bescheid, von der Sie den Link haben.',
};
const deSignIn = 'Dafür müssen Sie angemeldet sein.';
const deCrossSite: RefusalWords = {
  text: 'Es wurde nichts ausgeführt: Diese Anfrage kam nicht von dieser Website.',
  next: 'Kehren Sie zur Seite auf dieser Website zurück und versuchen Sie es von dort noch einmal.',
};
const deNothingHere = 'Unter dieser Adresse gibt es nichts.';
const deTooSlow: RefusalWords = {
  text: 'Ihre Verbindung war zu langsam: Ihre Eingaben sind nicht rechtzeitig angekommen.',
  next: 'Prüfen Sie Ihre Verbindung und senden Sie das Formular erneut.',
};
const deTooLarge = 'Ihre Eingaben sind zu umfangreich für diese Website.';
const deUnreadable = 'Ihre Eingaben konnten nicht gelesen werden.';
const deRateLimited: RefusalWords = {
  text: 'Zu viele Versuche von hier in kurzer Zeit.',
  next: 'Warten Sie eine Minute und versuchen Sie es dann noch einmal.',
};
const deUnavailable: RefusalWords = {
  text: 'Die Website kann gerade nicht antworten.',
  next: 'Warten Sie ein paar Sekunden und versuchen Sie es dann noch einmal.',
};
const deTooManyWatching = 'Zu viele Personen haben diese Seite geöffnet, als dass sie sich von selbst aktualisieren könnte.';

/** Deutsch, an den Gast oder die eingeladene Person. */
export const deGuest: Refusals = {
  INVALID_INPUT: deGuestSite,
  INVALID_ACTOR: deGuestSite,
  INVALID_ENTRY_ID: deGuestAddress,
  INVALID_LINK_ID: deGuestAddress,
  INVALID_SESSION_ID: deGuestAddress,
  INVALID_NAME: { text: 'Ihr Name muss 1 bis 100 Zeichen lang sein.', next: 'Korrigieren Sie Ihren Namen und senden Sie das Formular erneut.' },
  INVALID_EMAIL: {
    text: 'Diese E-Mail-Adresse scheint nicht zu stimmen.',
    next: 'Prüfen Sie Ihre E-Mail-Adresse und senden Sie das Formular erneut.',
  },
  INVALID_USE_LIMIT: deGuestSite,
  INVALID_DURATION: deGuestSite,
  INVALID_FLAG: deGuestSite,
  INVALID_CLIENT_KEY: deGuestSite,
  INVALID_SESSION_TOKENS: deGuestSite,
  ENTRY_NOT_FOUND: {
    text: 'Dieses Medium wurde nicht gefunden.',
    next: 'Fragen Sie die Person, die Ihnen den Link geschickt hat, ob es noch existiert.',
  },
  ENTRY_UNAVAILABLE: {
    text: 'Dieses Medium ist nicht mehr verfügbar.',
    next: 'Wenn Sie es noch brauchen, wenden Sie sich an die Person, die Ihnen den Link geschickt hat.',
  },
  ENTRY_TYPE_UNSUPPORTED: {
    text: 'Dieses Medium lässt sich nicht mit einem Gastlink öffnen.',
    next: 'Fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem anderen Weg, das Medium anzusehen.',
  },
  INVITE_TO_MEDIA_MODULE_OFF: {
    text: 'Das Teilen von Medien ist auf dieser Website derzeit ausgeschaltet.',
    next: 'Fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem anderen Weg, das Medium anzusehen.',
  },
  MEDIA_PAGE_OFF: {
    text: 'Medienseiten sind auf dieser Website derzeit ausgeschaltet.',
    next: 'Versuchen Sie es später noch einmal oder wenden Sie sich an die Person, die Ihnen den Link geschickt hat.',
  },
  NOT_PERMITTED: {
    text: 'Das dürfen Sie nicht tun.',
    next: 'Wenn Sie meinen, dass das ein Irrtum ist, wenden Sie sich an die Person, die Ihnen den Link geschickt hat.',
  },
  GUEST_ACCESS_OFF: {
    text: 'Dieses Medium ist derzeit für Besucher geschlossen.',
    next: 'Bitten Sie die Person, die Ihnen den Link geschickt hat, den Zugang wieder zu öffnen.',
  },
  GUEST_LINK_CAP_REACHED: deGuestSite,
  LINK_NOT_FOUND: deLinkGone,
  LINK_INVALID: {
    text: 'Dieser Link funktioniert nicht mehr: Er ist vielleicht abgelaufen, aufgebraucht oder gelöscht.',
    next: deLinkGone.next,
  },
  NOT_A_ROOM: { text: 'Hier gibt es keinen Warteraum.', next: 'Öffnen Sie den Link noch einmal genau so, wie Sie ihn erhalten haben.' },
  SESSION_INVALID: { text: 'Diese Seite erkennt Ihren Besuch nicht.', next: 'Öffnen Sie den Link, den Sie erhalten haben, noch einmal.' },
  SESSION_EXPIRED: { text: 'Ihr Besuch ist beendet.', next: 'Um zurückzukommen, öffnen Sie den Link, den Sie erhalten haben, noch einmal.' },
  SESSION_NOT_FOUND: { text: 'Ihr Besuch wurde nicht gefunden.', next: 'Öffnen Sie den Link, den Sie erhalten haben, noch einmal.' },
  SESSION_CHANGED: { text: 'Diese Seite hat sich inzwischen geändert.', next: 'Laden Sie die Seite neu.' },
  GUEST_DECLINED: {
    text: 'Ein Moderator hat Ihnen den Zugang zu diesem Raum verwehrt.',
    next: 'Wenn Sie meinen, dass das ein Irrtum ist, wenden Sie sich an die Person, die Ihnen den Link geschickt hat.',
  },
  GUEST_WAITING: {
    text: 'Sie sind im Warteraum: Ein Moderator lässt Sie gleich herein.',
    next: 'Warten Sie hier: Diese Seite aktualisiert sich von selbst.',
  },
  LINK_GUEST_CAP_REACHED: {
    text: 'Über diesen Link sind bereits so viele Personen eingetreten, wie er zulässt.',
    next: 'Bitten Sie die Person, die ihn Ihnen geschickt hat, um einen neuen Link.',
  },
  WAITING_ROOM_FULL: { text: 'Der Warteraum ist voll.', next: 'Versuchen Sie es in ein paar Minuten noch einmal.' },
  INVALID_LIMIT: deGuestSite,
  INVALID_CURSOR: deOldPage,
  INVALID_STATUS: deGuestSite,
  INVALID_PROOF: { text: 'Die Prüfung vor dem Beitritt hat nicht geklappt.', next: 'Machen Sie die Prüfung auf der Seite noch einmal und treten Sie dann bei.' },
  INVALID_DOMAINS: deGuestSite,
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'Dieser Link ist nicht für Adressen der Domain Ihrer E-Mail.', next: 'Treten Sie mit Ihrer Arbeits- oder Schuladresse bei, oder fragen Sie die Person, die den Link geteilt hat, für welche Adressen er gedacht ist.' },
  JOIN_VETOED: { text: 'Diese Website hat Sie über diesen Link nicht beitreten lassen.', next: 'Wenn Sie das für einen Irrtum halten, fragen Sie die Person, die den Link geteilt hat.' },
  JOIN_CHECK_FAILED: { text: 'Der Beitritt konnte gerade nicht geprüft werden.', next: 'Versuchen Sie es gleich noch einmal.' },
  INVALID_PASSCODE: { text: 'Ein Zugangscode hat 6 bis 128 Zeichen.', next: 'Prüfen Sie den Code, den Sie bekommen haben, und geben Sie ihn noch einmal ein.' },
  INVALID_DAY_RANGE: { text: 'Die angefragten Tage können nicht angezeigt werden.', next: 'Wählen Sie einen ersten und einen letzten Tag höchstens ein Jahr auseinander, den ersten vor dem letzten.' },
  PASSCODE_REQUIRED: { text: 'Dieser Link verlangt einen Zugangscode.', next: 'Geben Sie den Code ein, den Ihnen die Person gegeben hat, die den Link geteilt hat.' },
  WRONG_PASSCODE: { text: 'Dieser Zugangscode ist nicht der dieses Links.', next: 'Prüfen Sie den Code, den Sie bekommen haben, und geben Sie ihn noch einmal ein; nach mehreren Fehlversuchen müssen Sie warten.' },
  VERIFICATION_REQUIRED: { text: 'Dieser Link prüft zuerst Ihre E-Mail-Adresse, mit einem Code, den wir dorthin senden.', next: 'Fordern Sie den Code an und geben Sie ihn ein.' },
  CODE_RESEND_TOO_SOON: { text: 'Wir haben gerade einen Code an diese Adresse gesendet.', next: 'Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach; einen weiteren können Sie gleich anfordern.' },
  CODE_NOT_SENT: { text: 'Wir konnten den Code gerade nicht senden.', next: 'Versuchen Sie es in ein paar Minuten noch einmal.' },
  VERIFICATION_INVALID: { text: 'Diese Prüfung Ihrer Adresse haben nicht wir begonnen.', next: 'Öffnen Sie den Link noch einmal und fordern Sie einen neuen Code an.' },
  CODE_EXPIRED: { text: 'Dieser Code gilt nicht mehr: Er ist älter als 10 Minuten oder wurde zu oft falsch eingegeben.', next: 'Fordern Sie einen neuen Code an.' },
  WRONG_CODE: { text: 'Das ist nicht der Code, den wir gesendet haben.', next: 'Sehen Sie in unserer letzten Nachricht nach und geben Sie den Code noch einmal ein.' },
  INVALID_ROLE: deInviteeSite,
  INVALID_EMAIL_LIST: deInviteeSite,
  INVALID_INVITE_ID: {
    text: 'Die Adresse dieser Einladung ist unvollständig.',
    next: 'Öffnen Sie den Link aus Ihrer Einladungs-E-Mail noch einmal, genau so, wie er dort steht.',
  },
  INVALID_CLAIMANT: deAccount,
  INVALID_SEND_FLAG: deInviteeSite,
  INVALID_LOCALE: deInviteeSite,
  INVALID_TIME_ZONE: deInviteeSite,
  TOO_MANY_ADDRESSES: deInviteeSite,
  ROLE_NOT_ALLOWED: deInviteeSite,
  ROLE_ABOVE_INVITER: deInviteeSite,
  PENDING_INVITE_CAP_REACHED: deInviteeSite,
  DUPLICATE_ADDRESS: deInviteeSite,
  INVITE_NOT_FOUND: {
    text: 'Diese Einladung wurde nicht gefunden.',
    next: 'Bitten Sie die Person, die Sie eingeladen hat, sie Ihnen erneut zu senden.',
  },
  INVITE_INVALID: {
    text: 'Dieser Einladungslink funktioniert nicht.',
    next: 'Öffnen Sie den Link aus Ihrer Einladungs-E-Mail noch einmal oder bitten Sie die Person, die Sie eingeladen hat, um einen neuen.',
  },
  INVITE_EXPIRED: { text: 'Ihre Einladung ist abgelaufen.', next: 'Bitten Sie die Person, die Sie eingeladen hat, sie Ihnen erneut zu senden.' },
  INVITE_REVOKED: {
    text: 'Diese Einladung wurde zurückgezogen.',
    next: 'Wenn Sie den Zugang noch brauchen, wenden Sie sich an die Person, die Sie eingeladen hat.',
  },
  INVITE_DECLINED: {
    text: 'Sie haben diese Einladung abgelehnt.',
    next: 'Wenn Sie es sich anders überlegt haben, bitten Sie die Person, die Sie eingeladen hat, Sie erneut einzuladen.',
  },
  INVITE_ALREADY_ACCEPTED: {
    text: 'Diese Einladung wurde bereits angenommen.',
    next: 'Wenn Sie das waren, öffnen Sie das Medium über Ihr Konto; wenn nicht, geben Sie der Person Bescheid, die Sie eingeladen hat.',
  },
  INVITE_NOT_PENDING: { text: 'Diese Einladung kann nicht mehr angenommen werden.', next: 'Bitten Sie die Person, die Sie eingeladen hat, um eine neue.' },
  EMAIL_MISMATCH: deEmailMismatch,
  EMAIL_NOT_VERIFIED: deNotVerified,
  RESEND_TOO_SOON: deInviteeSite,
  INVITE_CHANGED: { text: 'Ihre Einladung hat sich inzwischen geändert.', next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal.' },
  ACCEPTANCE_IN_PROGRESS: { text: 'Ihre Einladung wird gerade angenommen.', next: 'Versuchen Sie es gleich noch einmal.' },
  INVITE_BEING_SENT: deBeingSent,
  UNAUTHENTICATED: { text: deSignIn, next: 'Melden Sie sich an und öffnen Sie den Link dann noch einmal.' },
  CROSS_SITE_REQUEST: deCrossSite,
  NOT_FOUND: { text: deNothingHere, next: 'Prüfen Sie die Adresse oder öffnen Sie den Link, den Sie erhalten haben, noch einmal.' },
  METHOD_NOT_ALLOWED: deVisitorSite,
  REQUEST_TIMEOUT: deTooSlow,
  PAYLOAD_TOO_LARGE: { text: deTooLarge, next: 'Kürzen Sie Ihre Eingaben und senden Sie das Formular erneut.' },
  UNSUPPORTED_MEDIA_TYPE: deVisitorSite,
  MALFORMED_BODY: { text: deUnreadable, next: deVisitorSite.next },
  INVALID_NEXT: deVisitorSite,
  RATE_LIMITED: deRateLimited,
  SERVICE_UNAVAILABLE: deUnavailable,
  TOO_MANY_STREAMS: { text: deTooManyWatching, next: 'Laden Sie die Seite in einer Minute neu, um zu sehen, ob sich etwas geändert hat.' },
  INTERNAL_ERROR: deVisitorSite,
};

/** Deutsch, an den Eigentümer, einen Moderator oder die einladende Person. */
export const deOwner: Refusals = {
  INVALID_INPUT: deOwnerSite,
  INVALID_ACTOR: {
    text: 'Auf der Website ist ein Fehler aufgetreten: Sie konnten nicht erkannt werden.',
    next: 'Laden Sie die Seite neu, melden Sie sich bei Bedarf erneut an und versuchen Sie es noch einmal.',
  },
  INVALID_ENTRY_ID: { text: 'Die Adresse dieses Mediums ist ungültig.', next: 'Kehren Sie zum Medium zurück und versuchen Sie es noch einmal.' },
  INVALID_LINK_ID: { text: 'Die Adresse dieses Gastlinks ist ungültig.', next: 'Laden Sie die Liste der Links neu und versuchen Sie es noch einmal.' },
  INVALID_SESSION_ID: { text: 'Dieser Gast konnte nicht erkannt werden.', next: 'Laden Sie die Liste der Gäste neu und versuchen Sie es noch einmal.' },
  INVALID_NAME: { text: 'Der Name muss 1 bis 100 Zeichen lang sein.', next: 'Korrigieren Sie den Namen und senden Sie das Formular erneut.' },
  INVALID_EMAIL: deBadEmail,
  INVALID_USE_LIMIT: {
    text: 'Die Anzahl der Klicks muss eine ganze Zahl von 1 bis 2.147.483.647 sein.',
    next: 'Korrigieren Sie die Zahl oder lassen Sie das Feld für unbegrenzte Klicks leer. Senden Sie das Formular dann erneut.',
  },
  INVALID_DURATION: {
    text: 'Die Dauer muss eine ganze Zahl von 1 bis 36.500 Tagen sein.',
    next: 'Korrigieren Sie die Zahl der Tage oder lassen Sie das Feld für einen Link ohne Ablauf leer. Senden Sie das Formular dann erneut.',
  },
  INVALID_FLAG: { text: 'Der Schalter war weder an noch aus.', next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal.' },
  INVALID_CLIENT_KEY: deOwnerSite,
  INVALID_SESSION_TOKENS: deOwnerSite,
  ENTRY_NOT_FOUND: { text: 'Dieses Medium wurde nicht gefunden.', next: 'Prüfen Sie, ob es noch existiert, und laden Sie dann die Seite neu.' },
  ENTRY_UNAVAILABLE: { text: 'Dieses Medium ist nicht mehr verfügbar und kann daher nicht geteilt werden.', next: 'Wählen Sie etwas anderes zum Teilen.' },
  ENTRY_TYPE_UNSUPPORTED: {
    text: 'Für diese Art von Medium gibt es keine Gastlinks.',
    next: 'Laden Sie Personen stattdessen per E-Mail ein, wenn die Website das anbietet.',
  },
  INVITE_TO_MEDIA_MODULE_OFF: {
    text: 'Einladungen zu Medien sind auf dieser Website ausgeschaltet.',
    next: 'Bitten Sie einen Administrator der Website, sie einzuschalten.',
  },
  MEDIA_PAGE_OFF: { text: 'Medienseiten sind auf dieser Website ausgeschaltet.', next: 'Bitten Sie einen Administrator der Website, sie einzuschalten.' },
  NOT_PERMITTED: {
    text: 'Das dürfen Sie für dieses Medium nicht tun.',
    next: 'Wenn Sie es brauchen, wenden Sie sich an den Eigentümer oder an einen Administrator der Website.',
  },
  GUEST_ACCESS_OFF: {
    text: 'Der Gastzugang zu diesem Medium ist ausgeschaltet.',
    next: 'Schalten Sie den Gastzugang ein und versuchen Sie es dann noch einmal.',
  },
  GUEST_LINK_CAP_REACHED: {
    text: 'Dieses Medium hat bereits so viele Gastlinks, wie es haben darf, abgelaufene und aufgebrauchte mitgezählt.',
    next: 'Löschen Sie einen Link, den Sie nicht mehr brauchen, und erstellen Sie dann den neuen.',
  },
  LINK_NOT_FOUND: { text: 'Dieser Gastlink existiert nicht mehr.', next: 'Laden Sie die Liste der Links neu.' },
  LINK_INVALID: {
    text: 'Dieser Link funktioniert nicht mehr: Er ist abgelaufen, aufgebraucht oder gelöscht.',
    next: 'Erstellen Sie einen neuen Gastlink und teilen Sie ihn.',
  },
  NOT_A_ROOM: { text: 'Diese Art von Medium hat keinen Warteraum: Gäste kommen direkt herein.', next: 'Damit Gäste auf Sie warten, teilen Sie stattdessen einen Raum.' },
  SESSION_INVALID: deOwnerSite,
  SESSION_EXPIRED: { text: 'Der Besuch dieses Gastes ist bereits beendet.', next: 'Laden Sie die Liste der Gäste neu.' },
  SESSION_NOT_FOUND: { text: 'Dieser Gast steht nicht mehr auf der Liste.', next: 'Laden Sie die Liste der Gäste neu.' },
  SESSION_CHANGED: {
    text: 'Ein anderer Moderator hat sich im selben Moment um diesen Gast gekümmert.',
    next: 'Laden Sie die Liste der Gäste neu, um zu sehen, was sich geändert hat.',
  },
  GUEST_DECLINED: {
    text: 'Dieser Gast wurde abgelehnt: Er kann weder herein noch erneut beitreten.',
    next: 'Um ihn doch noch einzulassen, lassen Sie ihn im Warteraum herein.',
  },
  GUEST_WAITING: { text: 'Dieser Gast ist im Warteraum.', next: 'Lassen Sie ihn im Warteraum herein oder lehnen Sie ihn ab.' },
  LINK_GUEST_CAP_REACHED: {
    text: 'Über diesen Link sind so viele Gäste eingetreten, wie ein Link zulässt.',
    next: 'Erstellen Sie einen neuen Gastlink für weitere Gäste.',
  },
  WAITING_ROOM_FULL: {
    text: 'Der Warteraum ist voll.',
    next: 'Lassen Sie wartende Gäste herein oder lehnen Sie sie ab, um Platz zu schaffen.',
  },
  INVALID_LIMIT: {
    text: 'Die Seitengröße muss eine ganze Zahl von 1 bis 1.000 sein.',
    next: 'Wählen Sie eine Seitengröße in diesem Bereich und versuchen Sie es noch einmal.',
  },
  INVALID_CURSOR: deOldPage,
  INVALID_STATUS: { text: 'Die Liste lässt sich so nicht filtern.', next: 'Wählen Sie einen anderen Filter oder zeigen Sie die ganze Liste an.' },
  INVALID_PROOF: { text: 'Der mit einem Beitritt gesendete Nachweis war kein Text von höchstens 4.096 Zeichen.', next: 'Korrigieren Sie, wie Ihre Seite die Antwort der Prüfung mitsendet.' },
  INVALID_DOMAINS: { text: 'Die Domains konnten nicht gelesen werden.', next: 'Geben Sie Domainnamen wie example.org ein, höchstens 100, und senden Sie erneut.' },
  EMAIL_DOMAIN_NOT_ALLOWED: { text: 'Die Adresse des Gastes gehört zu einer Domain, die dieser Link nicht einlässt.', next: 'Um den Gast einzulassen, erstellen Sie einen Link, dessen Domains seine einschließen.' },
  JOIN_VETOED: { text: 'Ihre eigene Prüfung vor dem Beitritt hat diesen Gast abgelehnt.', next: 'Den genannten Grund finden Sie im Detail der Ablehnung.' },
  JOIN_CHECK_FAILED: { text: 'Ihre eigene Prüfung vor dem Beitritt ist fehlgeschlagen oder hat zu lange gedauert; der Gast wurde nicht eingelassen.', next: 'Sehen Sie in den Protokollen der Prüfung nach; nichts wurde verbraucht.' },
  INVALID_PASSCODE: { text: 'Ein Zugangscode muss 6 bis 128 Zeichen ohne Zeilenumbruch haben.', next: 'Wählen Sie einen längeren Code und senden Sie erneut.' },
  INVALID_DAY_RANGE: { text: 'Der erste und der letzte Tag müssen UTC-Tage im Format JJJJ-MM-TT sein, der erste nicht nach dem letzten, höchstens 366 Tage insgesamt.', next: 'Korrigieren Sie die Tage und fragen Sie erneut.' },
  PASSCODE_REQUIRED: { text: 'Der Gast hat keinen Zugangscode angegeben, und dieser Link hat einen.', next: 'Geben Sie Gästen den Code zusammen mit dem Link.' },
  WRONG_PASSCODE: { text: 'Der Gast hat einen Zugangscode angegeben, der nicht der dieses Links ist.', next: 'Wenn Sie den Code geändert haben, geben Sie Gästen den neuen.' },
  VERIFICATION_REQUIRED: { text: 'Der Link prüft die Adressen der Gäste, und der Gast wollte ohne Code beitreten.', next: 'Nichts zu tun: Die Seite des Gasts fragt nach einem Code.' },
  CODE_RESEND_TOO_SOON: { text: 'Für dieselbe Adresse wurde zu oft ein Code angefordert.', next: 'Nichts zu tun: Nach einer Weile können weitere gesendet werden.' },
  CODE_NOT_SENT: { text: 'Der Code eines Gasts konnte nicht gesendet werden.', next: 'Prüfen Sie die E-Mail-Einstellungen der Website; nichts wurde verbraucht.' },
  VERIFICATION_INVALID: { text: 'Ein Gast hat eine Adressprüfung vorgelegt, die diese Website nicht begonnen hat.', next: 'Nichts zu tun.' },
  CODE_EXPIRED: { text: 'Ein Gast hat einen abgelaufenen oder zu oft falsch eingegebenen Code angegeben.', next: 'Nichts zu tun: Der Gast kann einen neuen anfordern.' },
  WRONG_CODE: { text: 'Ein Gast hat einen Code angegeben, der nicht der gesendete ist.', next: 'Nichts zu tun.' },
  INVALID_ROLE: { text: 'Für die Einladung wurde keine Rolle gewählt.', next: 'Wählen Sie eine Rolle und senden Sie das Formular erneut.' },
  INVALID_EMAIL_LIST: {
    text: 'Die E-Mail-Adressen konnten nicht gelesen werden.',
    next: 'Geben Sie eine oder mehrere E-Mail-Adressen ein und senden Sie das Formular erneut.',
  },
  INVALID_INVITE_ID: {
    text: 'Die Adresse dieser Einladung ist ungültig.',
    next: 'Laden Sie die Liste der Einladungen neu und versuchen Sie es noch einmal.',
  },
  INVALID_CLAIMANT: deAccount,
  INVALID_SEND_FLAG: {
    text: 'Die Wahl, ob die E-Mail gesendet wird, konnte nicht gelesen werden.',
    next: 'Laden Sie die Seite neu und versuchen Sie es noch einmal.',
  },
  INVALID_LOCALE: {
    text: 'Die Website kennt die für die E-Mail gewählte Sprache nicht.',
    next: 'Wählen Sie eine andere Sprache und senden Sie das Formular erneut.',
  },
  INVALID_TIME_ZONE: {
    text: 'Die Website kennt die für die E-Mail gewählte Zeitzone nicht.',
    next: 'Wählen Sie eine andere Zeitzone und senden Sie das Formular erneut.',
  },
  TOO_MANY_ADDRESSES: { text: 'Das sind zu viele Adressen für einen einzigen Versand.', next: 'Versenden Sie die Einladungen in kleineren Gruppen.' },
  ROLE_NOT_ALLOWED: { text: 'Diese Rolle gibt es für diese Art von Medium nicht.', next: 'Wählen Sie eine andere Rolle und senden Sie das Formular erneut.' },
  ROLE_ABOVE_INVITER: {
    text: 'Sie können keine Rolle über Ihrer eigenen vergeben.',
    next: 'Wählen Sie Ihre eigene Rolle oder eine niedrigere und senden Sie das Formular erneut.',
  },
  PENDING_INVITE_CAP_REACHED: {
    text: 'Dieses Medium hat bereits so viele unbeantwortete Einladungen, wie es haben darf.',
    next: 'Ziehen Sie Einladungen zurück, auf die niemand geantwortet hat, und versuchen Sie es dann erneut.',
  },
  DUPLICATE_ADDRESS: {
    text: 'Diese Adresse steht bereits weiter oben in der Liste.',
    next: 'Entfernen Sie die doppelte Adresse und senden Sie das Formular erneut.',
  },
  INVITE_NOT_FOUND: { text: 'Diese Einladung existiert nicht mehr.', next: 'Laden Sie die Liste der Einladungen neu.' },
  INVITE_INVALID: { text: 'Dieser Einladungslink funktioniert nicht.', next: 'Senden Sie die Einladung aus der Liste der Einladungen erneut.' },
  INVITE_EXPIRED: { text: 'Diese Einladung ist abgelaufen.', next: 'Laden Sie die Person erneut ein, um ihr eine neue Einladung zu senden.' },
  INVITE_REVOKED: { text: 'Diese Einladung wurde zurückgezogen.', next: 'Laden Sie die Person erneut ein, wenn sie doch kommen soll.' },
  INVITE_DECLINED: { text: 'Die Person hat diese Einladung abgelehnt.', next: 'Laden Sie sie erneut ein, falls sie es sich anders überlegt.' },
  INVITE_ALREADY_ACCEPTED: { text: 'Diese Einladung wurde bereits angenommen.', next: 'Sonst ist nichts zu tun: Die Person hat bereits Zugang.' },
  INVITE_NOT_PENDING: {
    text: 'Diese Einladung wurde bereits beantwortet oder zurückgezogen, oder sie ist abgelaufen.',
    next: 'Laden Sie die Liste der Einladungen neu, um ihren Stand zu sehen.',
  },
  EMAIL_MISMATCH: deEmailMismatch,
  EMAIL_NOT_VERIFIED: deNotVerified,
  RESEND_TOO_SOON: { text: 'Diese Einladung wurde gerade erst gesendet.', next: 'Warten Sie kurz und senden Sie sie dann erneut.' },
  INVITE_CHANGED: {
    text: 'Diese Einladung wurde im selben Moment an anderer Stelle geändert.',
    next: 'Laden Sie die Liste der Einladungen neu und versuchen Sie es noch einmal.',
  },
  ACCEPTANCE_IN_PROGRESS: { text: 'Diese Einladung wird gerade angenommen.', next: 'Laden Sie die Liste gleich neu, um das Ergebnis zu sehen.' },
  INVITE_BEING_SENT: deBeingSent,
  UNAUTHENTICATED: { text: deSignIn, next: 'Melden Sie sich an und versuchen Sie es dann noch einmal.' },
  CROSS_SITE_REQUEST: deCrossSite,
  NOT_FOUND: { text: deNothingHere, next: 'Prüfen Sie die Adresse oder kehren Sie zum Medium zurück und versuchen Sie es noch einmal.' },
  METHOD_NOT_ALLOWED: deOwnerSite,
  REQUEST_TIMEOUT: deTooSlow,
  PAYLOAD_TOO_LARGE: {
    text: deTooLarge,
    next: 'Senden Sie weniger auf einmal, zum Beispiel weniger E-Mail-Adressen, und versuchen Sie es dann noch einmal.',
  },
  UNSUPPORTED_MEDIA_TYPE: deOwnerSite,
  MALFORMED_BODY: { text: deUnreadable, next: deOwnerSite.next },
  INVALID_NEXT: deOwnerSite,
  RATE_LIMITED: deRateLimited,
  SERVICE_UNAVAILABLE: deUnavailable,
  TOO_MANY_STREAMS: { text: deTooManyWatching, next: 'Laden Sie die Liste der Gäste ab und zu neu, um zu sehen, wer wartet.' },
  INTERNAL_ERROR: deOwnerSite,
};
