import { useState } from 'preact/hooks';
import { api, ApiError, type MeView } from '../api';
import { LangSwitch } from '../components/LangSwitch';
import { ErrorBanner } from '../components/ui';
import { useT } from '../i18n';
import { session } from '../session';

/** Paste the staff token once; it is checked (GET /me) and kept for this tab only. */
export function SignIn({ onSignedIn }: { onSignedIn(me: MeView): void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setFailure(null);
    session.signIn(token.trim());
    try {
      onSignedIn(await api<MeView>('GET', '/me'));
    } catch (err) {
      session.signOut();
      setFailure(err instanceof ApiError && err.status === 401 ? new ApiError(401, err.code, '令牌无效或已过期 (the token is invalid or expired)', []) : err);
    }
  };
  return (
    <main class="sign-in">
      <LangSwitch />
      <h1>{t(['一门受理、协同办理 · 工作台', 'One-door social assistance · staff console'])}</h1>
      <form onSubmit={submit} noValidate>
        <label for="token">{t(['访问令牌', 'Staff token'])}</label>
        <input id="token" type="password" autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-describedby="token-hint" />
        <small id="token-hint" class="hint">
          {t(['由管理员发放，以 odt_ 开头；仅保存在本标签页，关闭即失效', 'Issued by your administrator, starts with odt_; kept in this tab only'])}
        </small>
        <ErrorBanner error={failure} />
        <button type="submit" class="primary" disabled={token.trim() === ''}>
          {t(['登录', 'Sign in'])}
        </button>
      </form>
    </main>
  );
}
