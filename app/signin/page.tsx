import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { currentUserOrOutage } from "@/lib/server/current-user-or-outage";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const user = await currentUserOrOutage();
  if (user === "outage") return <DatabaseUnavailable />;
  if (user) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-2xl font-semibold tracking-tight text-slate-900">Sequencer</p>
          <p className="mt-1 text-sm text-slate-600">Sign in to manage your outreach sequences</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Suspense>
            <SignInForm />
          </Suspense>
        </div>
      </div>
    </main>
  );
}
