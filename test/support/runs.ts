/**
 * How many runs a property makes: as written, or scaled down by ACCESS_LINKS_RUNS_SCALE (the
 * mutation run uses a quarter, since it runs each test once per mutant it covers).
 */
export function runs(n: number): number {
  const scale = Number(process.env['ACCESS_LINKS_RUNS_SCALE'] ?? '1');
  return Math.max(5, Math.ceil(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
