// What the editor's preview pane, merge-field picker and test send get from the server.
export type PreviewContact = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
};

export type PreviewContactOption = { id: string; email: string; name: string };

export type TestSendResult = { channel: "email" | "sms"; to: string; subject: string | null; transport: string };

/** The placeholder the preview and test sends use for {{unsubscribe_url}} (a real one is per enrollment). */
export const PREVIEW_UNSUBSCRIBE_URL = "https://unsubscribe.example/preview";

/** Test sends a user may make per hour. */
export const TEST_SENDS_PER_HOUR = 10;
