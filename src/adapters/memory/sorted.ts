/**
 * Binary search over increasing lists, which the memory stores keep as indexes: ids by entry
 * (ULIDs, so increasing is joining or inviting order) and pending expiries.
 */

/** @internal The first position whose value is not below `value`. */
export function lowerBound<T extends string | number>(sorted: readonly T[], value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** @internal The first position whose value is above `value`. */
export function upperBound<T extends string | number>(sorted: readonly T[], value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** @internal Inserts a value into an increasing list; a new id is mostly the largest, so it is pushed. */
export function insertSorted<T extends string | number>(sorted: T[], value: T): void {
  if (sorted.length === 0 || sorted[sorted.length - 1]! < value) sorted.push(value);
  else sorted.splice(upperBound(sorted, value), 0, value);
}

/** @internal Removes one occurrence of a value from an increasing list, if it is there. */
export function removeSorted<T extends string | number>(sorted: T[], value: T): void {
  const at = lowerBound(sorted, value);
  if (at < sorted.length && sorted[at] === value) sorted.splice(at, 1);
}
