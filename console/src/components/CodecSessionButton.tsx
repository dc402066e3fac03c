import { useState } from 'preact/hooks';
import { api } from '../api';
import { formatTime, useT } from '../i18n';
import { ErrorBanner } from './ui';

/**
 * Lets the Temporal Web UI show this reviewer's or administrator's workflows decoded: asks the API for a codec
 * session (an HttpOnly cookie the UI's codec calls carry; see docs/payload-codec.md) and says until when it holds.
 */
export function CodecSessionButton() {
  const t = useT();
  const [until, setUntil] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    setError(null);
    try {
      setUntil((await api<{ expiresAt: string }>('POST', '/temporal-codec/session')).expiresAt);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <button type="button" onClick={open} data-testid="codec-session">
        {t(['在 Temporal 界面中解密', 'Decode in the Temporal UI'])}
      </button>
      {until && (
        <span class="muted" role="status">
          {t(['解密会话有效至 ', 'Decoding open until '])}
          {formatTime(until, t.lang)}
        </span>
      )}
      <ErrorBanner error={error} />
    </>
  );
}
