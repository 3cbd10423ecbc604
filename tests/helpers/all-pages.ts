// Lists the portal pages (observations, history: at most 100 an answer), read to the end.

/** Every item of a paged list: pages of `size` from offset 0 until one comes back short. */
export async function allPages<T>(page: (offset: number, size: number) => Promise<T[]>, size = 100): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const items = await page(all.length, size);
    all.push(...items);
    if (items.length < size) return all;
  }
}
