// The System page's live figures (polled every few seconds): admins only, by session.
import { readSystemFigures } from "@/lib/server/system/read-system-figures";
import { currentUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export async function GET() {
  const me = await currentUser();
  if (!me) return Response.json({ error: "unauthenticated" }, { status: 401 });
  if (me.role !== "admin") return Response.json({ error: "forbidden" }, { status: 403 });
  return Response.json(await readSystemFigures(), { headers: { "Cache-Control": "no-store" } });
}
