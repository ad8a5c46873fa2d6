/** SCM's page size ceiling (`limit` takes 10, 20 or 50). */
export const PAGE_LIMIT = 50;
/** SCM's documented ceiling of `offset`. */
export const MAX_OFFSET = 100;

/** One page as SCM answers it. */
export interface Page<T extends { id: string }> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * Walks every page of an SCM listing within its limits (`limit` ≤ 50, `offset` ≤ 100).
 *
 * SCM's documentation does not say whether `offset` counts records or pages, so both readings are
 * handled: after a full first page, `offset=1` is asked for; if its first item is the first page's
 * second item, offsets count records (continue at 50, 100), otherwise pages (continue at 2, 3, …).
 * Returns what was collected, and whether it is complete: as many certificates as SCM's
 * `total_count` says there are.
 */
export async function walkPages<T extends { id: string }>(
  fetchPage: (offset: number) => Promise<Page<T>>,
): Promise<{ items: T[]; total: number; complete: boolean }> {
  const first = await fetchPage(0);
  const items = [...first.items];
  if (first.items.length < PAGE_LIMIT || items.length >= first.total) {
    // A short page ends the listing, but it is complete only if it holds all SCM counts.
    return { items, total: first.total, complete: items.length >= first.total };
  }
  const probe = await fetchPage(1);
  const countsRecords = probe.items[0]?.id === first.items[1]?.id;
  // The highest count met: a certificate created during the walk may take the place of one that
  // slid onto a page already read, so reaching the first page's count alone proves nothing.
  let total = Math.max(first.total, probe.total);
  const seen = new Set(items.map((item) => item.id));
  const add = (page: Page<T>) => {
    total = Math.max(total, page.total);
    for (const item of page.items) if (!seen.has(item.id)) seen.add(item.id) && items.push(item);
  };
  if (!countsRecords) add(probe);
  let offset = countsRecords ? PAGE_LIMIT : 2;
  let last = countsRecords ? first : probe;
  while (items.length < total && last.items.length === PAGE_LIMIT && offset <= MAX_OFFSET) {
    last = await fetchPage(offset);
    add(last);
    offset += countsRecords ? PAGE_LIMIT : 1;
  }
  return { items, total, complete: items.length >= total };
}
