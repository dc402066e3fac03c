import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TownshipView } from './api';
import { useT } from './i18n';

/** Reference data loaded once after sign-in (GET /townships): codes become names on every page. */
export const ReferenceContext = createContext<{ townships: TownshipView[] }>({ townships: [] });

/** `370725001` → 宝城街道 (the code itself until the list has loaded, or for another county's township). */
export function useTownshipName(): (code: string) => string {
  const t = useT();
  const { townships } = useContext(ReferenceContext);
  return (code) => {
    const found = townships.find((x) => x.code === code);
    return found ? t([found.nameZh, found.nameEn]) : code;
  };
}
