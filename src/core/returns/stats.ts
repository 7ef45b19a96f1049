/**
 * Wilson score interval for a proportion: with 1 return of 2 units sold the rate is 50%, but the
 * interval runs from 9% to 91%, so it is no finding. A group is flagged only when the interval's
 * lower bound clears the threshold.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
