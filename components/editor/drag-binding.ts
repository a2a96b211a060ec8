import type { CSSProperties, HTMLAttributes } from "react";

/** What a step card needs from dnd-kit to be dragged; null until dnd-kit has loaded. */
export type DragBinding = {
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  handleProps: HTMLAttributes<HTMLElement>;
  style: CSSProperties;
  isDragging: boolean;
};
