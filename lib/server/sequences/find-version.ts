import "server-only";
import { db } from "../db";
import { parseVersionContent } from "./sequence-rows";

/** Version `number` of a sequence with its parsed content, or null when it does not exist. */
export async function findVersion(sequenceId: string, number: number) {
  const version = await db().sequenceVersion.findUnique({ where: { sequenceId_number: { sequenceId, number } } });
  if (!version) return null;
  return { ...version, content: parseVersionContent(version.content) };
}
