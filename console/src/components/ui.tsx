import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { ApiError, type FieldProblem } from '../api';
import { useT } from '../i18n';
import { SLA_LABELS } from '../labels';

/** Field path (`applicant.idNumber`, as the API names it) → message. */
export type Problems = Record<string, string>;

export function problemsOf(details: FieldProblem[]): Problems {
  const problems: Problems = {};
  for (const { path, message } of details) problems[path] ??= message;
  return problems;
}

/** The same map from a zod result, so that the form shows the API's own rules before it is sent. */
export function zodProblems(result: z.ZodSafeParseResult<unknown>): Problems {
  return result.success ? {} : problemsOf(result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * A labelled field with its error underneath, tied together for screen readers. `scope` keeps ids unique when two
 * forms on one page have a field of the same name (two reasons).
 */
export function Field(props: { path: string; scope?: string; label: string; problem?: string; hint?: string; children: (attrs: FieldAttrs) => ComponentChildren }) {
  const t = useT();
  const id = fieldId(props.scope ? `${props.scope}-${props.path}` : props.path);
  const describedBy = [props.hint && `${id}-hint`, props.problem && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.problem ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children({ id, name: props.path, 'aria-invalid': props.problem ? true : undefined, 'aria-describedby': describedBy })}
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.problem && (
        <small id={`${id}-error`} class="error" role="alert" data-path={props.path}>
          {t.msg(props.problem)}
        </small>
      )}
    </div>
  );
}
export interface FieldAttrs {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** An API failure as people read it: the message, and the code for whoever supports them. */
export function ErrorBanner({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : String((error as Error)?.message ?? error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div class="banner error" role="alert">
      {t.msg(message)}
      {code && <code class="code">{code}</code>}
    </div>
  );
}

export function SlaBadge({ sla }: { sla: keyof typeof SLA_LABELS | null }) {
  const t = useT();
  if (!sla) return <span class="badge">—</span>;
  return <span class={`badge sla-${sla}`}>{t(SLA_LABELS[sla])}</span>;
}

export function Loading() {
  const t = useT();
  return <p class="muted" aria-live="polite">{t(['加载中…', 'Loading…'])}</p>;
}
