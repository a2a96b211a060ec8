"use client";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useId, type ReactNode } from "react";
import type { DragBinding } from "@/components/editor/drag-binding";
import type { DraftStep } from "@/lib/domain/draft";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";

const INSTRUCTIONS =
  "To reorder a step, press Space or Enter on its handle to pick it up, use the up and down arrow keys to move it, then press Space or Enter to drop it, or Escape to cancel.";

function announcements(steps: readonly DraftStep[]): Announcements {
  const position = (id: string | number) => steps.findIndex((s) => s.key === id) + 1;
  const name = (id: string | number) => {
    const step = steps.find((s) => s.key === id);
    return step ? `${STEP_META[step.type].label} step "${stepSummary(step)}"` : "Step";
  };
  return {
    onDragStart: ({ active }) => `Picked up ${name(active.id)} at position ${position(active.id)} of ${steps.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${name(active.id)} is over position ${position(over.id)} of ${steps.length}.`
        : `${name(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Dropped ${name(active.id)} at position ${position(over.id)} of ${steps.length}.`
        : `Dropped ${name(active.id)}; its position did not change.`,
    onDragCancel: ({ active }) => `Reordering cancelled. ${name(active.id)} stays at position ${position(active.id)}.`,
  };
}

/**
 * Drag-and-drop reordering with the mouse, touch, or the keyboard via each card's handle. Loaded
 * after the first paint (components/editor/use-lazy-dnd.ts), so dnd-kit is not first-load JS.
 */
export function SortableSteps({
  steps,
  onMove,
  children,
}: {
  steps: readonly DraftStep[];
  onMove: (from: number, to: number) => void;
  children: ReactNode;
}) {
  // A stable id keeps dnd-kit's generated aria-describedby ids equal on the server and client.
  const id = useId();
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so clicking the handle does not start one.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = steps.findIndex((s) => s.key === active.id);
    const to = steps.findIndex((s) => s.key === over.id);
    if (from >= 0 && to >= 0) onMove(from, to);
  }

  return (
    <DndContext
      id={id}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements: announcements(steps), screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      <SortableContext items={steps.map((s) => s.key)} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

/** One sortable row: hands the card what it needs to be dragged (its node, handle and transform). */
export function SortableItem({ id, children }: { id: string; children: (drag: DragBinding) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  return children({
    setNodeRef,
    setActivatorNodeRef,
    handleProps: { ...attributes, ...listeners },
    style: { transform: CSS.Translate.toString(transform), transition },
    isDragging,
  });
}
