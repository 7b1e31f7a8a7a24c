/** Groups cell positions into rectangles so a host can write 2-D arrays instead of one request item per cell. */

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Cells → rectangles covering them. Each row is split into runs (cells at most `maxGap` empty columns apart join
 * one run); runs of consecutive rows with exactly the same span are stacked into one rectangle. With maxGap > 0 a
 * rectangle may cover cells that are not in `cells`: the caller writes null there (Office.js leaves a cell
 * unchanged where a 2-D array holds null).
 */
export function rectangles(cells: Iterable<{ row: number; col: number }>, maxGap = 0): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    let cols = byRow.get(row);
    if (!cols) byRow.set(row, (cols = []));
    cols.push(col);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const done: Rect[] = [];
  // Open rectangles keyed by column span; they end when a row does not continue them.
  let open = new Map<string, Rect>();
  for (const row of rows) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    let start = cols[0];
    let prev = cols[0];
    for (let i = 1; i < cols.length; i++) {
      if (cols[i] - prev - 1 > maxGap) {
        runs.push([start, prev]);
        start = cols[i];
      }
      prev = cols[i];
    }
    runs.push([start, prev]);
    const next = new Map<string, Rect>();
    for (const [left, right] of runs) {
      const key = `${left}:${right}`;
      const rect = open.get(key);
      if (rect && rect.bottom === row - 1) {
        rect.bottom = row;
        next.set(key, rect);
        open.delete(key);
      } else {
        next.set(key, { top: row, left, bottom: row, right });
      }
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Consecutive 1-based columns with equal widths → spans. */
export function spans<T>(items: { index: number; value: T }[]): { first: number; last: number; value: T }[] {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const out: { first: number; last: number; value: T }[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && last.last === it.index - 1 && last.value === it.value) last.last = it.index;
    else out.push({ first: it.index, last: it.index, value: it.value });
  }
  return out;
}
