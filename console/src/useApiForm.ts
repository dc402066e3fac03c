import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { ApiError } from './api';
import { problemsOf, zodProblems, type Problems } from './components/ui';

/**
 * A small form that sends one request: `body` is checked with the API's own `schema` from the first change on,
 * and the API's answer — field problems (400) or a refusal (403, 404, 409) — is shown where it belongs.
 */
export function useApiForm(schema: z.ZodType, body: unknown, send: () => Promise<unknown>, onDone: () => void) {
  const [touched, setTouched] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const parsed = schema.safeParse(body);
  const problems: Problems = { ...(touched ? zodProblems(parsed) : {}), ...serverProblems };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (!parsed.success || sending) return;
    setSending(true);
    setFailure(null);
    try {
      await send();
      setTouched(false);
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setServerProblems(problemsOf(err.details));
      setFailure(err);
    } finally {
      setSending(false);
    }
  };
  /** Call on every edit: validation starts, and the API's earlier verdict no longer applies. */
  const changed = () => {
    setTouched(true);
    setServerProblems({});
  };
  return { problems, failure, sending, submit, changed };
}
