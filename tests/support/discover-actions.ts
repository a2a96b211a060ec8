// The one discovery of server actions, shared by the authorization matrix and the hostile-input
// tests: every exported function of every file in lib/actions, named "<file>:<export>".
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/domain/roles";
import type { ActionResult } from "@/lib/server/action-client";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function filesUnder(dir: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, name));
    else if (name.test(entry)) out.push(full);
  }
  return out;
}

export type DiscoveredAction = {
  id: string;
  fn: ((input: unknown) => Promise<ActionResult<unknown>>) & { rule?: { role: Role } };
};

export async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of filesUnder(path.join(ROOT, "lib/actions"), /\.ts$/)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function")
        found.push({ id: `${path.basename(file)}:${name}`, fn: value as DiscoveredAction["fn"] });
    }
  }
  return found;
}
