import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type MeView, type TownshipView } from './api';
import { CaseLookup } from './components/CaseLookup';
import { Loading } from './components/ui';
import { applyLang, initialLang, LangContext, useT, type Lang } from './i18n';
import { LangSwitch } from './components/LangSwitch';
import { ROLE_LABELS } from './labels';
import { homeOf, pageAt, PAGES } from './pages/registry';
import { ReferenceContext } from './reference';
import { SignIn } from './pages/SignIn';
import { casePath, navigate, useRoute } from './route';
import { session, SIGNED_OUT } from './session';
import { useLoad } from './useLoad';

function Shell({ me, onSignOut }: { me: MeView; onSignOut(): void }) {
  const t = useT();
  const path = useRoute();
  const found = pageAt(path, me.role);
  const townships = useLoad(() => api<{ items: TownshipView[] }>('GET', '/townships'), 'townships');
  useEffect(() => {
    if (!found) navigate(homeOf(me.role));
  }, [path]);
  return (
    <ReferenceContext.Provider value={{ townships: townships.data?.items ?? [] }}>
      <a class="skip" href="#main">
        {t(['跳到正文', 'Skip to content'])}
      </a>
      <header class="top no-print">
        <strong class="brand">{t(['一门受理 · 工作台', 'One-door console'])}</strong>
        <nav aria-label={t(['主菜单', 'Main menu'])}>
          {PAGES.filter((p) => p.nav && p.roles.includes(me.role)).map((p) => (
            <a href={`#${p.nav!.href}`} aria-current={found?.page === p ? 'page' : undefined}>
              {t(p.nav!.label)}
            </a>
          ))}
        </nav>
        <CaseLookup id="header-lookup" to={casePath} />
        <LangSwitch />
        <span class="who" data-testid="who">
          {me.username} · {t(ROLE_LABELS[me.role])}
        </span>
        <button type="button" onClick={onSignOut}>
          {t(['退出', 'Sign out'])}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {found ? found.page.render(me, found.params) : <Loading />}
      </main>
    </ReferenceContext.Provider>
  );
}

function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<MeView | null | undefined>(session.token() ? undefined : null);
  const setLang = (next: Lang) => {
    applyLang(next);
    setLangState(next);
  };
  useEffect(() => {
    const expired = () => setMe(null);
    addEventListener(SIGNED_OUT, expired);
    return () => removeEventListener(SIGNED_OUT, expired);
  }, []);
  useEffect(() => {
    if (me !== undefined) return;
    // A token kept from earlier in this tab: still good?
    api<MeView>('GET', '/me').then(setMe, () => {
      session.signOut();
      setMe(null);
    });
  }, []);
  const signOut = () => {
    session.signOut();
    setMe(null);
    navigate('/');
  };
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      {me === undefined ? (
        <Loading />
      ) : me === null ? (
        <SignIn
          onSignedIn={(who) => {
            setMe(who);
            navigate(homeOf(who.role));
          }}
        />
      ) : (
        <Shell me={me} onSignOut={signOut} />
      )}
    </LangContext.Provider>
  );
}

applyLang(initialLang());
render(<App />, document.getElementById('app')!);
