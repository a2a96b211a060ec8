// A local SMTP sink (smtp-server on 127.0.0.1, random port) that records what it accepts, can
// refuse chosen recipients once or always, and can be slow (`delayMs` before accepting each
// message's data) so a test can act while messages are being sent.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Captured = { to: string[]; raw: string };

export async function startSmtpSink(
  options: { rejectOnce?: string[]; rejectAlways?: string[]; delayMs?: number } = {},
) {
  const captured: Captured[] = [];
  const refusedOnce = new Set<string>();
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      if (options.rejectAlways?.includes(to))
        return callback(Object.assign(new Error("550 mailbox unavailable"), { responseCode: 550 }));
      if (options.rejectOnce?.includes(to) && !refusedOnce.has(to)) {
        refusedOnce.add(to);
        return callback(Object.assign(new Error("451 try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const accept = () => {
          captured.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs).unref();
        else accept();
      });
    },
  });
  // A worker killed mid-send resets its connections on purpose (the recovery tests do exactly
  // that); smtp-server reports it as an 'error' event, which would otherwise be an uncaught
  // exception in the test process. Anything else is kept so a test can look at it.
  const errors: Error[] = [];
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") errors.push(error);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    captured,
    attempts,
    /** Server errors other than a client resetting its connection. */
    errors,
    /** Receipts per recipient address (a message accepted twice counts 2). */
    receipts: () => {
      const counts = new Map<string, number>();
      for (const c of captured) for (const to of c.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
