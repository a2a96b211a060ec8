import type {
  listPreviewCandidatesAction,
  planMigrationAction,
  previewEnrollmentAction,
  undoMigrationAction,
} from "@/lib/actions/migrations";

type Data<F extends (...args: never[]) => Promise<unknown>> =
  Extract<Awaited<ReturnType<F>>, { ok: true }> extends { data: infer D } ? D : never;

export type PlanData = Data<typeof planMigrationAction>;
export type PreviewData = Data<typeof previewEnrollmentAction>;
export type CandidateData = Data<typeof listPreviewCandidatesAction>;
export type UndoData = Data<typeof undoMigrationAction>;

/** Unwraps an action result for TanStack Query: a refused action becomes a thrown error with its user-facing message. */
export async function unwrap<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error);
  return result.data;
}
