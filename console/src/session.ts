/** The staff token, pasted once at sign-in and kept for this browser tab only (session storage). */
const KEY = 'one-door.token';

/** Fired when the API no longer accepts the token (expired or revoked): the console returns to sign-in. */
export const SIGNED_OUT = 'one-door:signed-out';

export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
  expired(): void {
    sessionStorage.removeItem(KEY);
    dispatchEvent(new Event(SIGNED_OUT));
  },
};
