import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { AddUserForm } from "@/components/users/add-user-form";
import { RoleSelect } from "@/components/users/role-select";
import { currentUser } from "@/lib/server/session";
import { listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and what they may do: viewers read, editors change sequences and enrollments, admins also manage users."
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="self-start overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-2">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3">
                  Email
                </th>
                <th scope="col" className="px-4 py-3">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="px-4 py-2.5 font-medium text-slate-900">{u.name}</td>
                  <td className="px-4 py-2.5 text-slate-700">{u.email}</td>
                  <td className="px-4 py-2.5">
                    <RoleSelect userId={u.id} email={u.email} role={u.role} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section
          aria-labelledby="add-user"
          className="self-start rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="add-user" className="mb-4 text-base font-semibold text-slate-900">
            Add a user
          </h2>
          <AddUserForm />
        </section>
      </div>
    </>
  );
}
