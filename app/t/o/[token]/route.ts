import { answerOpen, toResponse } from "@/lib/server/tracking/answer-hit";

// The open pixel. Public (no session: a mail client fetches it) and hostile input. The answer
// (always the same 1x1 GIF) is built in lib/server/tracking/answer-hit.ts, shared with the tracker
// process (`npm run tracker`), which answers the same requests without Next's per-request cost.
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return toResponse(await answerOpen(token, request.headers.get("user-agent")));
}
