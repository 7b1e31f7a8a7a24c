/** The middle item by `key`: the upper of the two middle ones when the count is even. */
export function medianBy<T>(items: readonly T[], key: (x: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

export function median(xs: readonly number[]): number {
  return medianBy(xs, (x) => x);
}
