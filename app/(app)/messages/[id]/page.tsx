import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MessageView } from "@/components/messages/message-view";
import { BackLink } from "@/components/sequences/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { findMessage } from "@/lib/server/enrollment-views/find-message";
import { uuidParam } from "@/lib/server/route-params";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const message = await findMessage(uuidParam((await params).id));
  if (!message) notFound();
  return (
    <>
      <BackLink href="/messages">Mailbox</BackLink>
      <PageHeader
        title={message.channel === "sms" ? "SMS" : message.subject?.trim() || "(no subject)"}
        description={`${message.channel === "sms" ? "SMS" : "Email"} to ${message.to}, from ${message.sequence.name} v${message.version.number}`}
      />
      <MessageView message={message} />
    </>
  );
}
