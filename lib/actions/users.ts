"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { defineAction } from "@/lib/server/action-client";
import { createUser } from "@/lib/server/users/create-user";
import { setUserRole } from "@/lib/server/users/set-user-role";

export const createUserAction = defineAction({
  name: "users.create",
  role: "admin",
  input: z.object({
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
    name: z.string().trim().min(1, "Name is required").max(120),
    role: z.enum(ROLES),
    password: z.string().min(10, "Use at least 10 characters").max(200),
  }),
  handler: async (input, { user }) => {
    const created = await createUser({ actorId: user.id, ...input });
    revalidatePath("/users");
    return created;
  },
});

export const setUserRoleAction = defineAction({
  name: "users.setRole",
  role: "admin",
  input: z.object({ userId: z.uuid(), role: z.enum(ROLES) }),
  handler: async (input, { user }) => {
    const updated = await setUserRole({ actorId: user.id, ...input });
    revalidatePath("/users");
    return updated;
  },
});
