// Made by `npm run openapi` (openapi-typescript) from the OpenAPI document of access-links/http; do not edit.

export interface paths {
    "/access-links/guest-links/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the guest entry page shows for a link; consumes nothing. */
        get: operations["openGuestLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/guest-links/{token}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Joins through a link with a name and an email; sets the session cookie for the entry. A guest whose cookie already holds a live session of the link is answered it again, spending nothing (G12). */
        post: operations["joinGuestLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/guest-links/{token}/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** For a link that verifies addresses (V4): judges the join as `…/join` would, then mails a six-digit code to the address, valid 10 minutes and five tries. Answers the `verification` to send back with the code to `POST …/guest-verifications`; nothing is spent or stored. */
        post: operations["sendGuestCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/guest-verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Completes a join with the code `…/code` mailed (V4): the session cookie is set as a join sets it, the use is spent once however many requests carry the right code, and the session is `verified`. */
        post: operations["verifyGuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checks the guest's session cookie for the entry: 200 when the guest may view it, 202 while waiting. */
        get: operations["checkGuestSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-session/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events of the guest's session: a `check` event with `{ status, body }`, what `GET …/guest-session` answers, at once and whenever it changes; the stream stays open while a moderator or an owner can still change the answer (202 waiting; 403 `GUEST_DECLINED` or `GUEST_ACCESS_OFF`) and ends after any other. */
        get: operations["watchGuestSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-session/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the guest's session for the entry (`leaveGuestSession`: the lobby lists the guest as left) and clears its cookie: 204, also when there was no session. A declined guest's session stays for the moderator (403 `GUEST_DECLINED`), and one a moderator moved at that moment may be left again (409 `SESSION_CHANGED`): both keep the cookie. */
        post: operations["leaveGuestSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reads the entry's guest-access switch and room lock (managers and moderators). */
        get: operations["getGuestAccess"];
        /**
         * Turns the entry's guest access on or off.
         * @description A form posts it as `POST` with `_method=PUT`.
         */
        put: operations["setGuestAccess"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/room-lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Locks or unlocks a live room; new guests of a locked room wait.
         * @description A form posts it as `POST` with `_method=PUT`.
         */
        put: operations["setRoomLock"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the entry's guest links, with its switch, lock and cap. */
        get: operations["listGuestLinks"];
        put?: never;
        /** Creates a guest link. */
        post: operations["createGuestLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes a guest link for good.
         * @description A form posts it as `POST` with `_method=DELETE`.
         */
        delete: operations["deleteGuestLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-links/{linkId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A guest link's opens, joins and refusals by reason, per UTC day from `from` to `to` (`YYYY-MM-DD`, both optional: two weeks ending today, or two weeks from `from` or up to `to`). */
        get: operations["linkActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guest-links/{linkId}/passcode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets, changes or removes (an empty or absent `passcode`) a guest link's passcode; only its hash is kept.
         * @description A form posts it as `POST` with `_method=PUT`.
         */
        put: operations["setGuestLinkPasscode"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the guests who joined the entry, oldest first. */
        get: operations["listGuests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events of the entry's guests: a `change` event with `{ type, subjectId, at }` for each change (list the guests again); managers and moderators. */
        get: operations["watchGuests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests/admit-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Admits every waiting guest of a room. */
        post: operations["admitAllGuests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests/decline-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines every waiting guest of a room. */
        post: operations["declineAllGuests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests/{sessionId}/admit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Admits a waiting guest, or lets a declined one back in. */
        post: operations["admitGuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/guests/{sessionId}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines a waiting guest, or removes an admitted one. */
        post: operations["declineGuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists who is invited to the entry. */
        get: operations["listInvites"];
        put?: never;
        /** Invites a batch of addresses with one role; one outcome per address. */
        post: operations["createInvites"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/invites/{inviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Gives a pending invite another role.
         * @description A form posts it as `POST` with `_method=PATCH`.
         */
        patch: operations["changeInviteRole"];
        trace?: never;
    };
    "/access-links/entries/{entryId}/invites/{inviteId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revokes a pending invite. */
        post: operations["revokeInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/entries/{entryId}/invites/{inviteId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a pending invite again and extends it. */
        post: operations["resendInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/received-invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invites the signed-in user may still accept, on every entry. */
        get: operations["listInvitesFor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/invites/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the invite landing page shows; changes nothing. */
        get: operations["openInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/invites/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accepts an invite as the signed-in user. */
        post: operations["acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/access-links/invites/{token}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines an invite as the signed-in user. */
        post: operations["declineInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The first reason's code and sentence, and every reason, most important first. */
        Error: {
            code: components["schemas"]["Code"];
            message: string;
            reasons: components["schemas"]["Reason"][];
        };
        /** @enum {string} */
        Code: "GUEST_WAITING" | "INVALID_INPUT" | "INVALID_ACTOR" | "INVALID_ENTRY_ID" | "INVALID_LINK_ID" | "INVALID_SESSION_ID" | "INVALID_NAME" | "INVALID_EMAIL" | "INVALID_USE_LIMIT" | "INVALID_DURATION" | "INVALID_FLAG" | "INVALID_CLIENT_KEY" | "INVALID_SESSION_TOKENS" | "INVALID_ROLE" | "INVALID_EMAIL_LIST" | "INVALID_INVITE_ID" | "INVALID_CLAIMANT" | "INVALID_SEND_FLAG" | "TOO_MANY_ADDRESSES" | "INVALID_LOCALE" | "INVALID_TIME_ZONE" | "INVALID_LIMIT" | "INVALID_CURSOR" | "INVALID_STATUS" | "INVALID_PROOF" | "INVALID_DOMAINS" | "INVALID_PASSCODE" | "INVALID_DAY_RANGE" | "PASSCODE_REQUIRED" | "WRONG_PASSCODE" | "VERIFICATION_REQUIRED" | "CODE_RESEND_TOO_SOON" | "CODE_NOT_SENT" | "VERIFICATION_INVALID" | "CODE_EXPIRED" | "WRONG_CODE" | "EMAIL_DOMAIN_NOT_ALLOWED" | "JOIN_VETOED" | "JOIN_CHECK_FAILED" | "MALFORMED_BODY" | "INVALID_NEXT" | "UNAUTHENTICATED" | "NOT_PERMITTED" | "ROLE_ABOVE_INVITER" | "GUEST_ACCESS_OFF" | "GUEST_DECLINED" | "ENTRY_TYPE_UNSUPPORTED" | "INVITE_TO_MEDIA_MODULE_OFF" | "MEDIA_PAGE_OFF" | "EMAIL_MISMATCH" | "EMAIL_NOT_VERIFIED" | "SESSION_INVALID" | "SESSION_EXPIRED" | "CROSS_SITE_REQUEST" | "ENTRY_NOT_FOUND" | "LINK_NOT_FOUND" | "SESSION_NOT_FOUND" | "INVITE_NOT_FOUND" | "LINK_INVALID" | "INVITE_INVALID" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "REQUEST_TIMEOUT" | "GUEST_LINK_CAP_REACHED" | "PENDING_INVITE_CAP_REACHED" | "NOT_A_ROOM" | "SESSION_CHANGED" | "INVITE_CHANGED" | "INVITE_NOT_PENDING" | "INVITE_ALREADY_ACCEPTED" | "INVITE_DECLINED" | "ACCEPTANCE_IN_PROGRESS" | "INVITE_BEING_SENT" | "DUPLICATE_ADDRESS" | "LINK_GUEST_CAP_REACHED" | "WAITING_ROOM_FULL" | "ENTRY_UNAVAILABLE" | "INVITE_EXPIRED" | "INVITE_REVOKED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "ROLE_NOT_ALLOWED" | "RATE_LIMITED" | "RESEND_TOO_SOON" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "TOO_MANY_STREAMS";
        /** @description `path`: the field at fault of bad input; `detail`: the host's own reason of a `JOIN_VETOED`. */
        Reason: {
            code: components["schemas"]["Code"];
            message: string;
            path?: (string | number)[];
            detail?: string;
        };
        GuestAccess: {
            entryId: string;
            enabled: boolean;
            roomLocked: boolean;
            updatedAt: number;
            updatedBy: string;
        };
        GuestLinkView: {
            id: string;
            entryId: string;
            name: string;
            /** @enum {string} */
            state: "active" | "expired" | "used_up" | "inactive";
            uses: number;
            useLimit: number | null;
            durationDays: number | null;
            expiresAt: number | null;
            createdAt: number;
            createdBy: string;
            allowedDomains: string[];
            blockedDomains: string[];
            hasPasscode: boolean;
            verifyEmail: boolean;
            activity: components["schemas"]["ActivityTotals"];
            token: string;
            url: string;
        };
        ActivityTotals: {
            opens: number;
            joins: number;
            refusals: number;
        };
        /** @description One record per UTC day (`YYYY-MM-DD`), zeros included; `refusedBy` counts refusals by reason code. */
        LinkActivity: {
            linkId: string;
            from: string;
            to: string;
            days: {
                day: string;
                opens: number;
                joins: number;
                refusals: number;
                refusedBy: {
                    [key: string]: number;
                };
            }[];
            totals: {
                opens: number;
                joins: number;
                refusals: number;
                refusedBy: {
                    [key: string]: number;
                };
            };
        };
        GuestLinkList: {
            entryId: string;
            enabled: boolean;
            roomLocked: boolean;
            cap: number;
            canCreate: boolean;
            inactiveReasons: components["schemas"]["Reason"][];
            links: components["schemas"]["GuestLinkView"][];
        };
        GuestLanding: {
            entry: {
                id: string;
                type: string;
                title: string | null;
            };
            link: {
                id: string;
                name: string;
                expiresAt: number | null;
            };
            waitingRoom: boolean;
            passcode: boolean;
            verifyEmail: boolean;
        };
        GuestSessionView: {
            id: string;
            entryId: string;
            linkId: string;
            linkName: string;
            guestName: string;
            guestEmail: string;
            guestEmailAscii: string;
            guestEmailNonAscii: boolean;
            verified: boolean;
            /** @enum {string} */
            status: "admitted" | "waiting" | "declined" | "left";
            joinedAt: number;
            decidedAt: number | null;
            expiresAt: number | null;
            capabilities: "view"[];
        };
        /** @description The token is in the session cookie alone. */
        GuestJoin: {
            session: components["schemas"]["GuestSessionView"];
        };
        /** @description Send `verification` back with the code the guest types. */
        GuestCodeSent: {
            verification: string;
            email: string;
            expiresAt: number;
        };
        GuestSessionList: components["schemas"]["GuestSessionView"][];
        /** @description Pass `next` as `cursor` for the next page; null on the last. */
        GuestSessionPage: {
            items: components["schemas"]["GuestSessionView"][];
            next: string | null;
        };
        DeletedGuestLink: {
            linkId: string;
        };
        InviteView: {
            id: string;
            entryId: string;
            email: string;
            role: string;
            /** @enum {string} */
            state: "pending" | "accepting" | "accepted" | "declined" | "revoked" | "expired";
            invitedBy: string;
            inviterName: string | null;
            invitedAt: number;
            expiresAt: number;
            acceptedBy: string | null;
            /** @enum {string} */
            deliveryStatus: "not_sent" | "sending" | "sent" | "failed";
            deliveryAttempts: number;
            lastSentAt: number | null;
            deliveryError: string | null;
            resendableAt: number | null;
            token: string;
            url: string;
        };
        InviteOutcomeList: ({
            /** @enum {string} */
            status: "invited" | "re-invited";
            input: unknown;
            invite: components["schemas"]["InviteView"];
            /** @enum {string} */
            delivery: "sent" | "failed" | "not_sent" | "throttled";
        } | {
            /** @enum {string} */
            status: "already-accepted";
            input: unknown;
            invite: components["schemas"]["InviteView"];
        } | {
            /** @enum {string} */
            status: "refused";
            input: unknown;
            reason: components["schemas"]["Reason"];
        } | {
            /** @enum {string} */
            status: "error";
            input: unknown;
            /** @enum {string} */
            code: "INVALID_OPTIONS" | "INVALID_KEY" | "STORAGE_FAILED" | "DIRECTORY_FAILED" | "KEY_RING_FAILED" | "CLOCK_FAILED" | "GRANT_FAILED" | "INVALID_ARGUMENT" | "INVALID_RECORD";
            message: string;
        })[];
        /** @description Pass `next` as `cursor` for the next page; null on the last. */
        InvitePage: {
            items: components["schemas"]["InviteView"][];
            next: string | null;
        };
        ReceivedInvite: {
            inviteId: string;
            role: string;
            expiresAt: number;
            entry: {
                id: string;
                type: string | null;
                title: string | null;
            };
            inviter: {
                userId: string;
                name: string | null;
            };
            token: string;
            url: string;
        };
        /** @description Pass `next` as `cursor` for the next page; null on the last. */
        ReceivedInvitePage: {
            items: components["schemas"]["ReceivedInvite"][];
            next: string | null;
        };
        InviteLanding: {
            inviteId: string;
            email: string;
            role: string;
            expiresAt: number;
            entry: {
                id: string;
                type: string;
                title: string | null;
            };
            inviter: {
                userId: string;
                name: string | null;
            };
        };
        Grant: {
            inviteId: string;
            entryId: string;
            userId: string;
            role: string;
            grantedAt: number;
        };
        DeclinedInvite: {
            inviteId: string;
        };
        /** @description A path here: answer 303 to it. */
        Next: string;
        /** @description A path here: answer 303 to it, with `?code=`, on a refusal. */
        Back: string;
    };
    responses: {
        /** @description Refused; the status is the first code's. */
        Refused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Refused; the status is the first code's. */
        RefusedWithCookie: {
            headers: {
                "Set-Cookie": components["headers"]["SetCookieIfAny"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description RATE_LIMITED: over a rate limit. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description SERVICE_UNAVAILABLE: a port failed. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description GUEST_WAITING: the guest waits for a moderator. */
        Waiting: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
        SeeOther: {
            headers: {
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description The token of the link or invite URL. */
        token: string;
        /** @description The entry id, percent-encoded. */
        entryId: string;
        linkId: string;
        sessionId: string;
        inviteId: string;
        /** @description How many items at most; 100 when absent. */
        limit: number;
        /** @description The `next` of the page before. */
        cursor: string;
        /** @description Only guests with this status. */
        status: "admitted" | "waiting" | "declined" | "left";
        /** @description Only invites in this state. */
        state: "pending" | "accepting" | "accepted" | "declined" | "revoked" | "expired";
        /** @description The first UTC day, `YYYY-MM-DD`; 13 days before `to` when absent. */
        from: string;
        /** @description The last UTC day, `YYYY-MM-DD`; 13 days after `from` when absent, or today when both are. */
        to: string;
    };
    requestBodies: never;
    headers: {
        /** @description The session or device cookie, or one cleared. */
        SetCookie: string;
        /** @description The session or device cookie, or one cleared. */
        SetCookieIfAny: string;
        /** @description Seconds to wait. */
        RetryAfter: string;
        /** @description Seconds to wait. */
        RetryAfterIfAny: string;
        /** @description `next`, or `back` with `?code=`. */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    openGuestLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestLanding"];
                };
            };
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    joinGuestLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the name the guest typed */
                    name: string;
                    /**
                     * Format: email
                     * @description an email address, at most 254 characters
                     */
                    email: string;
                    proof?: string | null;
                    passcode?: string | null;
                };
                "application/x-www-form-urlencoded": {
                    name: string;
                    email: string;
                    proof?: string;
                    passcode?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description The session the client already held for this link and guest (its session cookie), answered again: no use spent, its status kept (G12). */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestJoin"];
                };
            };
            /** @description Joined: a new session. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestJoin"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Set-Cookie": components["headers"]["SetCookieIfAny"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["RefusedWithCookie"];
            403: components["responses"]["RefusedWithCookie"];
            404: components["responses"]["RefusedWithCookie"];
            408: components["responses"]["Refused"];
            409: components["responses"]["RefusedWithCookie"];
            410: components["responses"]["RefusedWithCookie"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            /** @description SERVICE_UNAVAILABLE: a port failed; or JOIN_CHECK_FAILED: the host's beforeJoin failed or took too long. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendGuestCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the name the guest typed */
                    name: string;
                    /**
                     * Format: email
                     * @description an email address, at most 254 characters
                     */
                    email: string;
                    proof?: string | null;
                    passcode?: string | null;
                };
                "application/x-www-form-urlencoded": {
                    name: string;
                    email: string;
                    proof?: string;
                    passcode?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestCodeSent"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            /** @description RATE_LIMITED, with Retry-After; or CODE_RESEND_TOO_SOON, without: the seconds to wait are the reason's `detail`. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Refused"];
            /** @description SERVICE_UNAVAILABLE: a port failed; JOIN_CHECK_FAILED: the host's beforeJoin failed or took too long; or CODE_NOT_SENT: the mailer failed, nothing was spent. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyGuest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description the verification sendGuestCode answered; anything else is answered as an invalid token, not as bad input */
                    verification?: string;
                    /** @description the six digits the guest typed; anything else is answered as a wrong code, not as bad input */
                    code?: string;
                };
                "application/x-www-form-urlencoded": {
                    verification?: string;
                    code?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description The session this verification already made, answered again: no use spent, its status kept (V4). */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestJoin"];
                };
            };
            /** @description Joined: a new session. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestJoin"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Set-Cookie": components["headers"]["SetCookieIfAny"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["RefusedWithCookie"];
            403: components["responses"]["RefusedWithCookie"];
            404: components["responses"]["RefusedWithCookie"];
            408: components["responses"]["Refused"];
            409: components["responses"]["RefusedWithCookie"];
            410: components["responses"]["RefusedWithCookie"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    checkGuestSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionView"];
                };
            };
            202: components["responses"]["Waiting"];
            400: components["responses"]["RefusedWithCookie"];
            403: components["responses"]["RefusedWithCookie"];
            404: components["responses"]["RefusedWithCookie"];
            409: components["responses"]["RefusedWithCookie"];
            410: components["responses"]["RefusedWithCookie"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    watchGuestSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `text/event-stream`. Each `check` event's data is `{ status, body }`: the status and body `GET …/guest-session` would answer (`GuestSessionView`, or `Error` while waiting or refused). The first comes at once; another whenever it changes. The stream stays open while a moderator or an owner can still change the answer (202 waiting; 403 `GUEST_DECLINED` or `GUEST_ACCESS_OFF`) and ends after any other. A comment line every `heartbeatSeconds`. A first check refused for any other reason clears the session cookie. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookieIfAny"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            /** @description SERVICE_UNAVAILABLE: a port failed; or TOO_MANY_STREAMS: the entry has as many streams open as it may. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    leaveGuestSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done; the session cookie is cleared. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    getGuestAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestAccess"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    setGuestAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
                "application/x-www-form-urlencoded": {
                    /** @enum {string} */
                    enabled: "true" | "false" | "on" | "off" | "1" | "0" | "";
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestAccess"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    setRoomLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    locked: boolean;
                };
                "application/x-www-form-urlencoded": {
                    /** @enum {string} */
                    locked: "true" | "false" | "on" | "off" | "1" | "0" | "";
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestAccess"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    listGuestLinks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestLinkList"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    createGuestLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the link's label */
                    name: string;
                    useLimit?: number | null;
                    durationDays?: number | null;
                    allowedDomains?: string[] | null;
                    blockedDomains?: string[] | null;
                    passcode?: string | null;
                    verifyEmail?: boolean | null;
                };
                "application/x-www-form-urlencoded": {
                    name: string;
                    /** @description Digits, or empty for none. */
                    useLimit?: string;
                    /** @description Digits, or empty for none. */
                    durationDays?: string;
                    /** @description Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses). */
                    allowedDomains?: string[];
                    /** @description Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses). */
                    blockedDomains?: string[];
                    passcode?: string;
                    /** @enum {string} */
                    verifyEmail?: "true" | "false" | "on" | "off" | "1" | "0" | "";
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestLinkView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteGuestLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                linkId: components["parameters"]["linkId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedGuestLink"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    linkActivity: {
        parameters: {
            query?: {
                /** @description The first UTC day, `YYYY-MM-DD`; 13 days before `to` when absent. */
                from?: components["parameters"]["from"];
                /** @description The last UTC day, `YYYY-MM-DD`; 13 days after `from` when absent, or today when both are. */
                to?: components["parameters"]["to"];
            };
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                linkId: components["parameters"]["linkId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkActivity"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    setGuestLinkPasscode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                linkId: components["parameters"]["linkId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    passcode?: string | null;
                };
                "application/x-www-form-urlencoded": {
                    passcode?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestLinkView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    listGuests: {
        parameters: {
            query?: {
                /** @description How many items at most; 100 when absent. */
                limit?: components["parameters"]["limit"];
                /** @description The `next` of the page before. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only guests with this status. */
                status?: components["parameters"]["status"];
            };
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionPage"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    watchGuests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `text/event-stream`. Each `change` event's data is `{ type, subjectId, at }`: something changed on the entry's guests or settings; list them again. A comment line every `heartbeatSeconds`; the stream ends when the signed-in user may no longer moderate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            /** @description SERVICE_UNAVAILABLE: a port failed; or TOO_MANY_STREAMS: the entry has as many streams open as it may. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    admitAllGuests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionList"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    declineAllGuests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionList"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    admitGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                sessionId: components["parameters"]["sessionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    declineGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                sessionId: components["parameters"]["sessionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestSessionView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    listInvites: {
        parameters: {
            query?: {
                /** @description How many items at most; 100 when absent. */
                limit?: components["parameters"]["limit"];
                /** @description The `next` of the page before. */
                cursor?: components["parameters"]["cursor"];
                /** @description Only invites in this state. */
                state?: components["parameters"]["state"];
            };
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitePage"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    createInvites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a role name */
                    role: string;
                    /** @description the addresses, each answered on its own (an invalid one is refused alone) */
                    emails: unknown[];
                    send?: boolean;
                    locale?: string | null;
                    timeZone?: string | null;
                };
                "application/x-www-form-urlencoded": {
                    /** @description Repeated, or one field with the items separated by commas, semicolons or lines (or spaces between addresses). */
                    emails: string[];
                    role: string;
                    /** @enum {string} */
                    send?: "true" | "false" | "on" | "off" | "1" | "0" | "";
                    locale?: string;
                    timeZone?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteOutcomeList"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    changeInviteRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                inviteId: components["parameters"]["inviteId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a role name */
                    role: string;
                };
                "application/x-www-form-urlencoded": {
                    role: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            422: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                inviteId: components["parameters"]["inviteId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteView"];
                };
            };
            303: components["responses"]["SeeOther"];
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    resendInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id, percent-encoded. */
                entryId: components["parameters"]["entryId"];
                inviteId: components["parameters"]["inviteId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    locale?: string | null;
                    timeZone?: string | null;
                };
                "application/x-www-form-urlencoded": {
                    locale?: string;
                    timeZone?: string;
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteView"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            /** @description RATE_LIMITED, with Retry-After; or RESEND_TOO_SOON, without. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    listInvitesFor: {
        parameters: {
            query?: {
                /** @description How many items at most; 100 when absent. */
                limit?: components["parameters"]["limit"];
                /** @description The `next` of the page before. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceivedInvitePage"];
                };
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    openInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteLanding"];
                };
            };
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Grant"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
    declineInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of the link or invite URL. */
                token: components["parameters"]["token"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": {
                    next?: components["schemas"]["Next"];
                    back?: components["schemas"]["Back"];
                };
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeclinedInvite"];
                };
            };
            /** @description A form post with `next`: to `next`, or to `back` with `?code=`. */
            303: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Retry-After": components["headers"]["RetryAfterIfAny"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Refused"];
            401: components["responses"]["Refused"];
            403: components["responses"]["Refused"];
            404: components["responses"]["Refused"];
            408: components["responses"]["Refused"];
            409: components["responses"]["Refused"];
            410: components["responses"]["Refused"];
            413: components["responses"]["Refused"];
            415: components["responses"]["Refused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Refused"];
            503: components["responses"]["Unavailable"];
        };
    };
}
