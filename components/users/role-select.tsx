"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Select } from "@/components/ui/field";
import { setUserRoleAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/domain/roles";

export function RoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const router = useRouter();
  const [value, setValue] = useState<Role>(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function change(next: Role) {
    const previous = value;
    setValue(next);
    setPending(true);
    const result = await setUserRoleAction({ userId, role: next });
    setPending(false);
    if (result.ok) {
      setError(null);
      router.refresh();
    } else {
      setValue(previous);
      setError(result.error);
    }
  }

  return (
    <div>
      <Select
        aria-label={`Role of ${email}`}
        value={value}
        disabled={pending}
        onChange={(e) => void change(e.target.value as Role)}
        className="w-32"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
