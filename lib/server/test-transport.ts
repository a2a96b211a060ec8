import "server-only";
import { transportsFor, type OutgoingMessage } from "@/lib/engine/transports";

/**
 * The configured transport (SMTP_URL or the outbox), for the editor's "send me a test". Not the
 * delivery loop: nothing is written to `messages`, so a test is never counted as a send.
 */
export async function sendThroughTransport(message: OutgoingMessage): Promise<string> {
  const { transportFor, close } = transportsFor();
  try {
    const transport = transportFor(message.channel);
    await transport.send(message);
    return transport.name;
  } finally {
    close();
  }
}
