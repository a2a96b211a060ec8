// Step maps for moving in-flight enrollments between versions, without zod (browser code imports
// this); migration-plan.ts holds the schemas and re-exports all of it.
import type { Step } from "./steps";

export type RemovedStepChoice = { kind: "next" } | { kind: "goto"; key: string } | { kind: "exit" };

/** Only A's keys that B lacks appear here; keys in both versions map to themselves. */
export type StepMap = Record<string, RemovedStepChoice>;

/** Where an enrollment stands: `stepIndex` is the next step to execute; null key = past the end. */
export type Position = { stepIndex: number; stepKey: string | null };

export type MovePlan =
  { kind: "move"; toIndex: number; toKey: string | null } | { kind: "exit" } | { kind: "complete" };

/** Keys of A that B no longer has, in A's order. */
export function removedKeys(aSteps: readonly Step[], bSteps: readonly Step[]): string[] {
  const inB = new Set(bSteps.map((s) => s.key));
  return aSteps.filter((s) => !inB.has(s.key)).map((s) => s.key);
}

export function defaultStepMap(aSteps: readonly Step[], bSteps: readonly Step[]): StepMap {
  const map: StepMap = {};
  for (const key of removedKeys(aSteps, bSteps)) map[key] = { kind: "next" };
  return map;
}

export type StepMapError = { key: string; message: string };

/** Every removed key needs a choice, every goto target must exist in B, and nothing else belongs in the map. */
export function validateStepMap(aSteps: readonly Step[], bSteps: readonly Step[], map: StepMap): StepMapError[] {
  const errors: StepMapError[] = [];
  const inB = new Set(bSteps.map((s) => s.key));
  const removed = new Set(removedKeys(aSteps, bSteps));
  for (const key of removed) {
    const choice = map[key];
    if (!choice) errors.push({ key, message: `Choose what happens to contacts at removed step "${key}"` });
    else if (choice.kind === "goto" && !inB.has(choice.key)) {
      errors.push({ key, message: `Step "${choice.key}" does not exist in the target version` });
    }
  }
  for (const key of Object.keys(map)) {
    if (!removed.has(key)) errors.push({ key, message: `"${key}" is not a step removed between these versions` });
  }
  return errors;
}

/**
 * Where one enrollment lands in B. The position's index decides (the runner is index-based); B's
 * steps before the landing are never run retroactively. "Continue at next" lands on the first
 * later step of A that B kept; if none is left, the enrollment has nothing more to do: complete.
 */
export function planMove(aSteps: readonly Step[], bSteps: readonly Step[], map: StepMap, position: Position): MovePlan {
  const bIndex = new Map<string, number>();
  bSteps.forEach((s, i) => bIndex.set(s.key, i));
  const landAt = (index: number): MovePlan => ({ kind: "move", toIndex: index, toKey: bSteps[index]?.key ?? null });

  const current = aSteps[position.stepIndex];
  if (position.stepIndex < 0 || current === undefined) return { kind: "complete" };

  const same = bIndex.get(current.key);
  if (same !== undefined) return landAt(same);

  const choice = map[current.key] ?? { kind: "next" };
  switch (choice.kind) {
    case "exit":
      return { kind: "exit" };
    case "goto": {
      const target = bIndex.get(choice.key);
      if (target === undefined)
        throw new Error(`Step map sends "${current.key}" to "${choice.key}", which is not in the target version`);
      return landAt(target);
    }
    case "next": {
      for (let i = position.stepIndex + 1; i < aSteps.length; i++) {
        const later = bIndex.get(aSteps[i]?.key ?? "");
        if (later !== undefined) return landAt(later);
      }
      return { kind: "complete" };
    }
    default: {
      const _exhaustive: never = choice;
      throw new Error(`Unknown choice ${JSON.stringify(_exhaustive)}`);
    }
  }
}
