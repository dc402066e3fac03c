import { useState } from 'preact/hooks';
import { api } from './api';
import { pageSize } from './pageSize';
import { useLoad } from './useLoad';

/** A page of a work list as the API answers it (`api/pagination.ts`). */
export interface ListPage<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

const withParam = (path: string, name: string, value: string) => `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;

/**
 * A work list read a page at a time: the first page when `path` changes (and every `everyMs`), the next one on
 * `more()` through the previous page's `nextCursor`. Reloading starts again from the first page.
 */
export function usePagedList<T>(path: string, everyMs?: number) {
  const firstPath = withParam(path, 'limit', String(pageSize()));
  const first = useLoad(() => api<ListPage<T>>('GET', firstPath), firstPath, everyMs);
  // Pages after the first, valid only for the first page they followed.
  const [later, setLater] = useState<{ after?: ListPage<T>; pages: ListPage<T>[] }>({ pages: [] });
  const [fetching, setFetching] = useState<{ error?: unknown; busy: boolean }>({ busy: false });
  const pages = first.data ? [first.data, ...(later.after === first.data ? later.pages : [])] : [];
  const last = pages.at(-1);

  const more = async () => {
    if (!first.data || !last?.nextCursor) return;
    setFetching({ busy: true });
    try {
      const next = await api<ListPage<T>>('GET', withParam(firstPath, 'cursor', last.nextCursor));
      setLater({ after: first.data, pages: [...pages.slice(1), next] });
      setFetching({ busy: false });
    } catch (error) {
      setFetching({ error, busy: false });
    }
  };

  return {
    items: pages.flatMap((p) => p.items),
    total: first.data?.total,
    totalExact: first.data?.totalExact ?? true,
    hasMore: Boolean(last?.nextCursor),
    loading: first.loading && !first.data,
    error: first.error ?? fetching.error,
    fetchingMore: fetching.busy,
    more,
    reload: first.reload,
  };
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
