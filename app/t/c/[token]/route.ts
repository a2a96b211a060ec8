import { answerClick, toResponse } from "@/lib/server/tracking/answer-hit";

// A tracked link. Public and hostile input: redirects ONLY to the URL stored for that message's
// link at delivery, never to anything taken from the request (no open redirect); a tampered or
// unknown token gets a small 404 page. The answer is built in lib/server/tracking/answer-hit.ts,
// shared with the tracker process (`npm run tracker`).
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return toResponse(await answerClick(token, request.headers.get("user-agent")));
}
