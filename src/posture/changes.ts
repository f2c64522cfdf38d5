import type { PostureItem, PostureReport, PostureStatus } from './types';

export interface ItemChange {
  item: PostureItem;
  /** Status at the previous run; undefined when there was none. */
  was?: PostureStatus;
}

/**
 * What a scheduled run tells the helpdesk channel. The first run reports every item that is not
 * passing (the baseline); after that only items whose verdict changed, in either direction.
 * Evidence wording alone (an age that ticks on) is not a change.
 */
export function postureChanges(
  previous: Pick<PostureReport, 'items'> | undefined,
  current: Pick<PostureReport, 'items'>,
): ItemChange[] {
  if (!previous) {
    return current.items.filter((item) => item.status !== 'pass').map((item) => ({ item }));
  }
  const before = new Map(previous.items.map((item) => [item.id, item.status]));
  return current.items
    .filter((item) => before.get(item.id) !== item.status)
    .map((item) => {
      const was = before.get(item.id);
      return was === undefined ? { item } : { item, was };
    });
}
