import nodemailer from "nodemailer";
import { publicUrl } from "@/lib/config/public-url";
import { signingKey } from "@/lib/config/signing-key";
import { unsubscribeToken, unsubscribeUrl } from "@/lib/domain/unsubscribe-link";

export type OutgoingMessage = {
  id: string;
  channel: "email" | "sms";
  to: string;
  subject: string | null;
  body: string;
  /** HTML part of a tracked email (links rewritten, open pixel); absent: text only. */
  html?: string;
};

/** Sends one message; throws to report a failure (delivery retries with backoff). */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

/** A failure that retrying cannot fix (no address): the message fails at once. */
export class PermanentDeliveryError extends Error {}

/**
 * The default: the messages table is the outbox, so "sending" is recording the message as sent
 * (delivery does that once send resolves); the mailbox page shows it.
 */
export class OutboxTransport implements Transport {
  readonly name = "outbox";
  async send(message: OutgoingMessage): Promise<void> {
    if (!message.to)
      throw new PermanentDeliveryError(
        `The contact has no ${message.channel === "sms" ? "phone number" : "email address"}`,
      );
  }
}

export class SmtpTransport implements Transport {
  readonly name = "smtp";
  private readonly mailer: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from = smtpFrom(),
  ) {
    // Short timeouts: a delivery job holds its messages' row locks while it sends.
    this.mailer = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 4,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (!message.to) throw new PermanentDeliveryError("The contact has no email address");
    await this.mailer.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject ?? "",
      text: message.body,
      ...(message.html ? { html: message.html } : {}),
      headers: listUnsubscribeHeaders(message.id),
    });
  }

  close(): void {
    this.mailer.close();
  }
}

/** The From of every email (SMTP_FROM). */
export function smtpFrom(): string {
  return process.env.SMTP_FROM ?? "Sequencer <no-reply@sequencer.localhost>";
}

/**
 * The headers an email goes out with, in the order the message page lists them: what
 * SmtpTransport.send passes to nodemailer (which adds Date, Message-ID and MIME headers itself).
 */
export function emailHeaders(message: Pick<OutgoingMessage, "id" | "to" | "subject">): [string, string][] {
  return [
    ["From", smtpFrom()],
    ["To", message.to],
    ["Subject", message.subject ?? ""],
    ...Object.entries(listUnsubscribeHeaders(message.id)),
  ];
}

/** Which transport a channel uses in this deployment (SMTP_URL set or not): the outbox or SMTP. */
export function transportNameFor(channel: OutgoingMessage["channel"]): string {
  return channel === "email" && process.env.SMTP_URL ? "smtp" : "outbox";
}

/**
 * RFC 2369 + RFC 8058: mail clients show their own unsubscribe button and POST
 * `List-Unsubscribe=One-Click` to the link, which unsubscribes without a page. The token names
 * the message (all this transport knows); the route finds the contact through it.
 */
export function listUnsubscribeHeaders(messageId: string): Record<string, string> {
  const token = unsubscribeToken(signingKey(), { kind: "message", messageId });
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(publicUrl(), token)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

export type TransportFor = (channel: OutgoingMessage["channel"]) => Transport;

/** Email through SMTP when a URL is given (SMTP_URL), otherwise the outbox; SMS always uses the outbox. */
export function transportsFor(options: { smtpUrl?: string | null } = {}): {
  transportFor: TransportFor;
  close: () => void;
} {
  const outbox = new OutboxTransport();
  const smtpUrl = options.smtpUrl === undefined ? process.env.SMTP_URL : options.smtpUrl;
  const smtp = smtpUrl ? new SmtpTransport(smtpUrl) : null;
  return {
    transportFor: (channel) => (channel === "email" && smtp ? smtp : outbox),
    close: () => smtp?.close(),
  };
}
