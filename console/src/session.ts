/** The staff token, pasted once at sign-in and kept for this browser tab only (session storage). */
const KEY = 'one-door.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
};
