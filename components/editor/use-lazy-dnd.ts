"use client";
import { useEffect, useState } from "react";

type DndModule = typeof import("@/components/sequences/sortable-steps");

/**
 * dnd-kit, loaded right after the first paint instead of with the page: it is only needed once
 * someone drags, and it is the largest part of the editor's JavaScript. Until it arrives the
 * cards render without drag bindings (move up/down buttons and shortcuts work regardless).
 */
export function useLazyDnd(): DndModule | null {
  const [dnd, setDnd] = useState<DndModule | null>(null);
  useEffect(() => {
    let live = true;
    void import("@/components/sequences/sortable-steps").then((module) => {
      if (live) setDnd(module);
    });
    return () => {
      live = false;
    };
  }, []);
  return dnd;
}
