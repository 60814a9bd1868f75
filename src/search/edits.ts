/** Edit distances between words, for spelling tolerance. */

/** Three rows of the distance table, reused from call to call (spelling correction compares a word with hundreds). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Damerau–Levenshtein (adjacent transpositions count one), giving up past `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  // Rows i - 2, i - 1 and i of the table; only these are ever read.
  let [twoUp, up, row] = rows;
  for (let j = 0; j < cols; j++) up[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, twoUp[j - 2]! + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= cap) return cap;
    const spare = twoUp;
    twoUp = up;
    up = row;
    row = spare;
  }
  return up[b.length]!;
}

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
