import "server-only";
import { z } from "zod";
import { roleAtLeast, type Role } from "@/lib/domain/roles";
import { DomainError } from "./errors";
import { currentUser, type SessionUser } from "./session";
import { errorFields } from "@/lib/observability/logger";
import { observed, requestLogger, setActor } from "@/lib/observability/request-context";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      code: DomainError["code"] | "internal";
      fieldErrors?: Record<string, string[]>;
      details?: unknown;
    };

export type ActionRule = { role: Role };
export type Action<I, O> = ((input: I) => Promise<ActionResult<O>>) & { rule: ActionRule };

const GENERIC_ERROR = "Something went wrong on our side. Nothing was changed; please try again.";

// A path segment can be user input (a record's key): a 1 MB key must not come back in the answer.
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => {
      const text = String(segment);
      return text.length > 64 ? `${text.slice(0, 63)}…` : text;
    })
    .join(".");
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = pathText(issue.path) || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The one way to build a server action. Every action is a public endpoint: it checks the session
 * and the role itself, parses its input with zod, and maps failures: a DomainError's message
 * reaches the user, anything else is logged and replaced by a generic message.
 */
export function defineAction<S extends z.ZodType, O>(options: {
  name: string;
  role: Role;
  input: S;
  handler: (input: z.output<S>, ctx: { user: SessionUser }) => Promise<O>;
}): Action<z.input<S>, O> {
  const action = async (raw: z.input<S>): Promise<ActionResult<O>> => {
    try {
      const user = await currentUser();
      if (!user) return { ok: false, code: "unauthenticated", error: "Your session has ended. Sign in again." };
      setActor({ userId: user.id });
      if (!roleAtLeast(user.role, options.role)) {
        return {
          ok: false,
          code: "forbidden",
          error: `This needs the ${options.role} role; you are signed in as ${user.role}.`,
        };
      }
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        const first = parsed.error.issues[0];
        const where = first?.path.length ? `${pathText(first.path)}: ` : "";
        return {
          ok: false,
          code: "invalid",
          error: `Invalid input. ${where}${first?.message ?? ""}`.trim(),
          fieldErrors,
        };
      }
      return { ok: true, data: await options.handler(parsed.data, { user }) };
    } catch (error) {
      if (error instanceof DomainError)
        return { ok: false, code: error.code, error: error.message, details: error.details };
      requestLogger().error(errorFields(error), `action ${options.name} failed`);
      return { ok: false, code: "internal", error: GENERIC_ERROR };
    }
  };
  const timed = async (raw: z.input<S>) =>
    observed(
      `action ${options.name}`,
      "POST",
      null,
      (r: ActionResult<O>) => (r.ok ? 200 : r.code),
      () => action(raw),
    );
  return Object.assign(timed, { rule: { role: options.role } });
}
