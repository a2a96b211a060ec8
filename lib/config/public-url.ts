// The address recipients and integrators reach the app at (links in emails, webhook payloads):
// SEQUENCER_PUBLIC_URL, else NEXTAUTH_URL. Workers need it too, so it is read from the
// environment, never from a request. Without either, development uses localhost:3000;
// production refuses, because a link to localhost in a customer's inbox is a silent failure.
export function publicUrl(): string {
  const value = process.env.SEQUENCER_PUBLIC_URL || process.env.NEXTAUTH_URL;
  if (!value) {
    if (process.env.NODE_ENV === "production") {
      throw new Error("Set SEQUENCER_PUBLIC_URL (or NEXTAUTH_URL): the public address used in links and emails.");
    }
    return "http://localhost:3000";
  }
  return value.replace(/\/+$/, "");
}
