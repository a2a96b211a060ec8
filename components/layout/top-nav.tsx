import Link from "next/link";
import type { Role } from "@/lib/domain/roles";
import { Badge } from "@/components/ui/badge";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function TopNav({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
        <Link href="/" className="text-base font-semibold tracking-tight text-slate-900" title="Dashboard">
          Sequencer
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/sequences">Sequences</NavLink>
          <NavLink href="/contacts">Contacts</NavLink>
          <NavLink href="/enrollments">Enrollments</NavLink>
          <NavLink href="/messages">Mailbox</NavLink>
          <NavLink href="/tasks">Tasks</NavLink>
          {user.role === "admin" ? <NavLink href="/users">Users</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/webhooks">Webhooks</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/api-keys">API keys</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right leading-tight">
            <p className="text-sm font-medium text-slate-900" data-testid="current-user">
              {user.name}
            </p>
            <p className="text-xs text-slate-500">{user.email}</p>
          </div>
          <Badge tone={user.role === "admin" ? "violet" : user.role === "editor" ? "indigo" : "slate"}>
            <span data-testid="current-role">{user.role}</span>
          </Badge>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
