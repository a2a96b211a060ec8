// Benchmarks that need the runner and the built app are added here as those parts land.
export async function extraBenches(options: { url: string; actorId: string }): Promise<Record<string, number>> {
  return options.url ? {} : {};
}
