import Link from "next/link";
import type { Role } from "@/lib/domain/roles";
import { Badge } from "@/components/ui/badge";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function TopNav({ user, timeZone }: { user: { name: string; email: string; role: Role }; timeZone: string }) {
  // Admins have eleven destinations: one row cannot hold them with the user's block at 1280 px
  // (it wrapped "API keys" and "Sign out"), so their navigation gets a row of its own.
  const admin = user.role === "admin";
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 px-6">
        <Link
          href="/"
          className="flex h-14 items-center text-base font-semibold tracking-tight text-slate-900"
          title="Dashboard"
        >
          Sequencer
        </Link>
        <nav
          aria-label="Main"
          className={
            admin
              ? "order-last -mx-3 flex w-full items-center gap-1 overflow-x-auto border-t border-slate-100 py-1.5"
              : "flex items-center gap-1"
          }
        >
          <NavLink href="/sequences">Sequences</NavLink>
          <NavLink href="/contacts">Contacts</NavLink>
          <NavLink href="/enrollments">Enrollments</NavLink>
          <NavLink href="/messages">Mailbox</NavLink>
          <NavLink href="/tasks">Tasks</NavLink>
          {admin ? <span aria-hidden="true" className="mx-2 h-5 w-px shrink-0 bg-slate-200" /> : null}
          {user.role === "admin" ? <NavLink href="/users">Users</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/webhooks">Webhooks</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/api-keys">API keys</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/organization">Organization</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/system">System</NavLink> : null}
          {user.role === "admin" ? <NavLink href="/settings/audit">Audit log</NavLink> : null}
        </nav>
        <div className="ml-auto flex h-14 items-center gap-3">
          <NotificationBell />
          <Link
            href="/profile"
            className="rounded-md px-1 text-right leading-tight hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            title={`Your profile · times in ${timeZone}`}
          >
            <span className="block text-sm font-medium text-slate-900" data-testid="current-user">
              {user.name}
            </span>
            <span className="block text-xs text-slate-500">
              {user.email} · <span data-testid="display-zone">{timeZone}</span>
            </span>
          </Link>
          <Badge tone={user.role === "admin" ? "violet" : user.role === "editor" ? "indigo" : "slate"}>
            <span data-testid="current-role">{user.role}</span>
          </Badge>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
