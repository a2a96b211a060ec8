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

// The base of the open-pixel and click links in emails (`<base>/t/o/<token>`, `<base>/t/c/<token>`):
// SEQUENCER_TRACKING_URL when set, the address of the tracker process (`npm run tracker`, e.g.
// https://t.example.com, or the app's own origin when a load balancer routes /t/ to the tracker);
// else the public URL, where the app's own /t/ routes answer. DEPLOY.md, "Tracker".
export function trackingUrl(): string {
  const value = process.env.SEQUENCER_TRACKING_URL;
  return value ? value.replace(/\/+$/, "") : publicUrl();
}
