import "server-only";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";

/** Revoking takes effect on the next request: every request looks the key up (no cache). */
export async function revokeApiKey(options: { actorId: string; keyId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const updated = await tx.apiKey.updateManyAndReturn({
      where: { id: options.keyId, revokedAt: null },
      data: { revokedAt: now, revokedById: options.actorId },
      select: { id: true, name: true, prefix: true },
    });
    const key = updated[0];
    if (!key) {
      const exists = await tx.apiKey.findUnique({ where: { id: options.keyId }, select: { id: true } });
      throw exists
        ? new DomainError("This key is already revoked.", "conflict")
        : new DomainError("That API key does not exist.", "not_found");
    }
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "apiKey.revoke",
      entityType: "api_key",
      entityId: key.id,
      summary: `Revoked API key "${key.name}" (${key.prefix}…)`,
    });
    return { id: key.id, revokedAt: now };
  });
}
