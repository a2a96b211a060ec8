// Version colours for charts: distinct hues, each with at least 3:1 contrast on white (WCAG 1.4.11).
const VERSION_COLOURS = ["#4f46e5", "#b45309", "#047857", "#be123c", "#0369a1", "#7c3aed", "#a16207", "#475569"];

export function versionColour(versionNumber: number): string {
  return VERSION_COLOURS[(versionNumber - 1) % VERSION_COLOURS.length]!;
}
