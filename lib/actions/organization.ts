"use server";
import { revalidatePath } from "next/cache";
import { organizationSettingsPatchSchema } from "@/lib/domain/organization-settings-input";
import { defineAction } from "@/lib/server/action-client";
import { updateOrganizationSettings } from "@/lib/server/organization/update-organization-settings";

export const updateOrganizationSettingsAction = defineAction({
  name: "organization.update",
  role: "admin",
  input: organizationSettingsPatchSchema,
  handler: async (settings, { user }) => {
    await updateOrganizationSettings({ actorId: user.id, settings });
    // The zone is every page's default display zone.
    revalidatePath("/", "layout");
    return { saved: true };
  },
});
