import "server-only";
import type { OrganizationSettingsPatch } from "@/lib/domain/organization-settings-input";
import { writeAudit } from "../audit";
import { db } from "../db";

const FIELDS = [
  "name",
  "timeZone",
  "postalAddress",
  "dailyEmailCap",
  "dailySmsCap",
  "reviewPolicy",
  "reviewThreshold",
] as const;

/** Saves the given fields of the organisation's one settings row (a section saves only its own); the audit row (with what changed, from and to) commits with it. */
export async function updateOrganizationSettings(options: { actorId: string; settings: OrganizationSettingsPatch }) {
  return db().$transaction(async (tx) => {
    // FOR UPDATE: two admins saving at once are serialised, and each audit row's "from" is true.
    const [before] = await tx.$queryRaw<
      {
        name: string;
        time_zone: string;
        postal_address: string;
        daily_email_cap: number | null;
        daily_sms_cap: number | null;
        review_policy: OrganizationSettingsPatch["reviewPolicy"];
        review_threshold: number;
      }[]
    >`SELECT name, time_zone, postal_address, daily_email_cap, daily_sms_cap, review_policy::text AS review_policy, review_threshold
      FROM organization_settings WHERE id FOR UPDATE`;
    const previous = before
      ? {
          name: before.name,
          timeZone: before.time_zone,
          postalAddress: before.postal_address,
          dailyEmailCap: before.daily_email_cap,
          dailySmsCap: before.daily_sms_cap,
          reviewPolicy: before.review_policy,
          reviewThreshold: before.review_threshold,
        }
      : null;
    const patch = Object.fromEntries(
      Object.entries(options.settings).filter(([, v]) => v !== undefined),
    ) as OrganizationSettingsPatch;
    const updated = await tx.organizationSettings.upsert({
      where: { id: true },
      create: { id: true, ...patch, updatedById: options.actorId },
      update: { ...patch, updatedById: options.actorId, updatedAt: new Date() },
    });
    const changed = FIELDS.filter((f) => f in patch && previous?.[f] !== patch[f]);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "organization.settings",
      entityType: "organization_settings",
      entityId: null,
      summary: changed.length
        ? `Changed organisation settings: ${changed.join(", ")}`
        : "Saved organisation settings (no change)",
      detail: Object.fromEntries(changed.map((f) => [f, { from: previous?.[f] ?? null, to: patch[f] ?? null }])),
    });
    return updated;
  });
}
