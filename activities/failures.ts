import { ApplicationFailure } from '@temporalio/common';

/** The failure type that no retry can mend; the workflows' retry policy does not retry it. */
export const INVALID_DATA = 'InvalidData';

/**
 * PostgreSQL error classes that the same input meets again on every retry: 22 (data exception) and 23
 * (integrity constraint violation, e.g. a foreign key into a database re-created without the case). A lost
 * connection or a server shutting down (classes 08, 57) is worth retrying: the database comes back.
 */
const POISON_CLASSES = ['22', '23'];

function isPoison(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.length === 5 && POISON_CLASSES.includes(code.slice(0, 2));
}

/** Each activity as it is, except that an error no retry can mend fails at once, as non-retryable `InvalidData`. */
export function failFastOnInvalidData<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      async (...args: never[]) => {
        try {
          return await activity(...args);
        } catch (err) {
          if (!isPoison(err)) throw err;
          throw ApplicationFailure.create({ type: INVALID_DATA, nonRetryable: true, message: `${name}: PostgreSQL ${(err as { code: string }).code} (${(err as Error).message})` });
        }
      },
    ]),
  ) as T;
}
