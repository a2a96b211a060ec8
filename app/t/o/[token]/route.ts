import { recordHit } from "@/lib/server/tracking/record-hit";

// The open pixel. Public (no session: a mail client fetches it) and hostile input: the token is
// verified (HMAC) and a bad one records nothing. Every request gets the same 1x1 GIF, whatever
// happened (valid, tampered, unknown, expired, database down), so the answer leaks nothing.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    await recordHit("open", token, request.headers.get("user-agent"));
  } catch {
    // Nothing recorded; the pixel is still answered.
  }
  return new Response(new Uint8Array(GIF), {
    status: 200,
    headers: {
      "Content-Type": "image/gif",
      "Content-Length": String(GIF.length),
      "Cache-Control": "no-store, max-age=0",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
