import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { z } from 'zod';

/** The console speaks Simplified Chinese by default; English is one click away and remembered on this PC. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'one-door.lang';

export function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

/** Stores the choice and makes zod's own messages (missing field, too long, …) speak the same language. */
export function applyLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  z.config(lang === 'zh' ? z.locales.zhCN() : z.locales.en());
}

/**
 * The API's messages are bilingual, "中文 (English)": show the half in the reader's language.
 * A message of any other shape is shown whole.
 */
export function inLang(message: string, lang: Lang): string {
  const match = /^([\s\S]*?) \(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(message);
  if (!match) return message;
  return lang === 'zh' ? match[1] : match[2];
}

/** A pair of texts, Chinese first. */
export type Text = readonly [zh: string, en: string];

export const LangContext = createContext<{ lang: Lang; setLang(lang: Lang): void }>({ lang: 'zh', setLang() {} });

/** `t(['受理', 'Intake'])` in the current language; `t.lang` the language itself. */
export function useT() {
  const { lang } = useContext(LangContext);
  const t = (text: Text) => (lang === 'zh' ? text[0] : text[1]);
  return Object.assign(t, { lang, msg: (message: string) => inLang(message, lang) });
}

/** Local date and time for staff, Beijing time (the service's legal time), whatever the PC's zone. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
