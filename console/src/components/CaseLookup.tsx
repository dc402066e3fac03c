import { useState } from 'preact/hooks';
import { CaseNoParam } from '../../../api/schemas';
import { useT } from '../i18n';
import { navigate } from '../route';

/** Go to a case by its number (yyyymmdd-nnnnnn); `to` makes the path (the case page, or the review page). */
export function CaseLookup({ to, id }: { to(caseNo: string): string; id: string }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [wrong, setWrong] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    const caseNo = value.trim();
    if (!CaseNoParam.safeParse(caseNo).success) return setWrong(true);
    navigate(to(caseNo));
  };
  return (
    <form class="lookup" role="search" onSubmit={submit} noValidate>
      <label for={id}>{t(['案件编号', 'Case number'])}</label>
      <input
        id={id}
        value={value}
        placeholder="20261124-000001"
        aria-invalid={wrong || undefined}
        aria-describedby={wrong ? `${id}-error` : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          setWrong(false);
        }}
      />
      <button type="submit">{t(['查找', 'Find'])}</button>
      {wrong && (
        <small id={`${id}-error`} class="error" role="alert">
          {t(['编号格式为 年月日-六位序号', 'The number looks like 20261124-000001'])}
        </small>
      )}
    </form>
  );
}
