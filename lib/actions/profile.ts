"use server";
import { revalidatePath } from "next/cache";
import { profileTimeZoneSchema } from "@/lib/domain/organization-settings-input";
import { defineAction } from "@/lib/server/action-client";
import { setOwnTimeZone } from "@/lib/server/users/set-own-time-zone";

/** Any signed-in user sets their own display zone (never someone else's: the id is the session's). */
export const setDisplayTimeZoneAction = defineAction({
  name: "profile.setTimeZone",
  role: "viewer",
  input: profileTimeZoneSchema,
  handler: async (input, { user }) => {
    const saved = await setOwnTimeZone({ userId: user.id, timeZone: input.timeZone });
    revalidatePath("/", "layout");
    return saved;
  },
});
