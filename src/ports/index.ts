export type { Clock } from './clock';
export type { EntryDirectory } from './entry-directory';
export type { GuestAccessChange, GuestLinkStore } from './guest-link-store';
export type { GuestSessionDecision, GuestSessionStore } from './guest-session-store';
export type { KeyRing, SigningKey } from './key-ring';
