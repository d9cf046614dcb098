/**
 * How many runs a property makes: as written, or scaled down by ACCESS_LINKS_RUNS_SCALE (the
 * mutation run uses a quarter, since it runs each test once per mutant it covers), except for
 * properties of pure functions, which are cheap enough to keep every run.
 */
export function runs(n: number, options: { readonly pure?: boolean } = {}): number {
  // A property of pure functions costs microseconds a run: it keeps every run, mutants or not.
  if (options.pure === true) return n;
  const scale = Number(process.env['ACCESS_LINKS_RUNS_SCALE'] ?? '1');
  return Math.max(5, Math.ceil(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
