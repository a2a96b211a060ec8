import "server-only";

export function maxBodyBytes(): number {
  const configured = Number(process.env.API_MAX_BODY_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 2 * 1024 * 1024;
}

export class BodyTooLargeError extends Error {}

/** The raw body as text, refusing (without buffering the rest) anything past `max` bytes. */
export async function readBodyCapped(request: Request, max = maxBodyBytes()): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLargeError();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
