import { useState } from 'preact/hooks';
import { ReasonRequest } from '../../../api/loopSchemas';
import { useT, type Text } from '../i18n';
import { useApiForm } from '../useApiForm';
import { ErrorBanner, Field } from './ui';

/** Send, and — for a form opened from a list row — leave it. */
export function FormButtons({ sending, submit, onCancel }: { sending: boolean; submit: Text; onCancel?(): void }) {
  const t = useT();
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={sending}>
        {t(submit)}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t(['取消', 'Cancel'])}
        </button>
      )}
    </div>
  );
}

/**
 * One step that takes only a written reason (退回, 关闭线索, 公示异议, 提级): the reason checked with the API's own
 * schema as typed, sent with `send`, the API's refusal shown. `scope` keeps the field's id unique on its page.
 */
export function ReasonForm(props: { title: Text; label: Text; submit: Text; scope: string; send(body: { reason: string }): Promise<unknown>; onDone(): void; onCancel?(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const body = { reason };
  const form = useApiForm(ReasonRequest, body, () => props.send(body), () => (setReason(''), props.onDone()));
  return (
    <form class="inline-form" onSubmit={form.submit} noValidate aria-label={t(props.title)}>
      <Field path="reason" scope={props.scope} label={t(props.label)} problem={form.problems.reason}>
        {(a) => <textarea {...a} autoFocus={props.onCancel !== undefined} rows={2} value={reason} onInput={(e) => (setReason(e.currentTarget.value), form.changed())} />}
      </Field>
      <ErrorBanner error={form.failure} />
      <FormButtons sending={form.sending} submit={props.submit} onCancel={props.onCancel} />
    </form>
  );
}
