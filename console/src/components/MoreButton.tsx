import { useT } from '../i18n';
import type { PagedList } from '../usePagedList';

/** Under a paged list: how many rows are shown of how many, and a button for the next page while there is one. */
export function MoreButton({ list }: { list: PagedList<unknown> }) {
  const t = useT();
  if (list.total === undefined) return null;
  const total = `${list.total}${list.totalExact ? '' : '+'}`;
  return (
    <div class="more">
      <span class="muted" data-testid="list-count" aria-live="polite">
        {t([`已显示 ${list.items.length} / 共 ${total} 条`, `${list.items.length} of ${total} shown`])}
      </span>
      {list.hasMore && (
        <button type="button" onClick={list.more} disabled={list.fetchingMore}>
          {list.fetchingMore ? t(['加载中…', 'Loading…']) : t(['加载更多', 'More'])}
        </button>
      )}
    </div>
  );
}
