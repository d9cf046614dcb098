/** A host that checks records and rules with zod, through access-links/schemas. */
import * as z from 'zod/mini';
import { DEFAULT_GUEST_LINK_RULES } from 'access-links';
import { GuestLinkRulesSchema, GuestLinkSchema, InviteRulesSchema } from 'access-links/schemas';

const rules = z.parse(GuestLinkRulesSchema, { ...DEFAULT_GUEST_LINK_RULES, guestLinkCap: 5 });
const cap: number = rules.guestLinkCap;
const link = z.safeParse(GuestLinkSchema, {});
export const checked = [cap, link.success, z.safeParse(InviteRulesSchema, {}).success];
