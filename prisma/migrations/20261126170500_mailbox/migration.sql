-- Every failed delivery attempt of a message, in order (the message page lists them). A message's
-- successful attempt is its own row (status sent, sent_at, attempts), so only failures are stored
-- here: nothing is added to the delivery hot path of messages that go out at the first try.
-- Written only by lib/store/messages.ts, in the statement that counts the attempt.
CREATE TABLE "message_attempts" (
    "message_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT NOT NULL,

    CONSTRAINT "message_attempts_pkey" PRIMARY KEY ("message_id","attempt")
);
ALTER TABLE "message_attempts" ADD CONSTRAINT "message_attempts_message_id_fkey"
    FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Mailbox search by subject (lib/server/enrollment-views/list-messages.ts): a case-insensitive
-- prefix of the first 100 characters, under COLLATE "C" so LIKE 'prefix%' is an index range
-- whatever the database's collation (as contacts_email_c). The cut keeps every key far below
-- btree's row-size limit whatever merge fields put into a subject.
CREATE INDEX messages_subject_prefix ON "messages" ((left(lower(subject), 100) COLLATE "C"));
