/** Progress lines of the demo: one per step, with the time the step took. */
export async function step<T>(
  label: string,
  work: () => Promise<T> | T,
  detail?: (result: T) => string,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    const ms = Math.round(performance.now() - started);
    console.log(`  ✓ ${label.padEnd(10)} ${detail ? `${detail(result)} ` : ""}(${ms} ms)`);
    return result;
  } catch (error) {
    console.log(`  ✗ ${label.padEnd(10)} failed`);
    throw error;
  }
}
