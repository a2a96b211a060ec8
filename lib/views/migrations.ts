// What the migration pages hand to their components (type-only; see lib/views/enrollments.ts).
import type { MigrationSelection } from "@/lib/domain/migration-plan";
import type { Step } from "@/lib/domain/steps";

export type MigrationCounts = {
  total: number;
  moved: number;
  exited: number;
  completed: number;
  undone: number;
  kept: number;
};

export type MigrationListRow = {
  id: string;
  fromVersion: number;
  toVersion: number;
  status: "applying" | "applied" | "undone";
  selection: MigrationSelection | null;
  selectionText: string;
  counts: MigrationCounts;
  createdBy: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  undoneBy: string | null;
  undoneAt: Date | null;
};

/** A version as the "move enrollments" wizard offers it: its steps and how many are in flight on it. */
export type MigrationVersionOption = { id: string; number: number; note: string; steps: Step[]; inFlight: number };

export type MigrationSetup = {
  sequence: { id: string; name: string; activeVersionId: string | null };
  versions: MigrationVersionOption[];
};
