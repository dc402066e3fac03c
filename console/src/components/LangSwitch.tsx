import { useContext } from 'preact/hooks';
import { LangContext, type Lang } from '../i18n';

/** 中文 ⇄ English, named in the language it switches to. */
export function LangSwitch() {
  const { lang, setLang } = useContext(LangContext);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (
    <button type="button" class="lang" lang={other === 'zh' ? 'zh-CN' : 'en'} onClick={() => setLang(other)}>
      {other === 'zh' ? '中文' : 'English'}
    </button>
  );
}
