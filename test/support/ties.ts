/**
 * A store order for lists sorted by time, then id: records 0 to 7 (by id) stored out of order,
 * later times first and ties of one time stored in both id orders. Each pair is a record's index
 * and the rank of its time; sorted, the records come back as 0, 1, …, 7.
 */
export const TIED_ORDER: readonly (readonly [index: number, rank: number])[] = [
  [7, 4],
  [6, 4],
  [2, 2],
  [3, 2],
  [5, 3],
  [0, 1],
  [4, 3],
  [1, 2],
];
