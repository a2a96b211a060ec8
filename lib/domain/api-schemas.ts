import { z } from "zod";
import { contactInputSchema, IMPORT_BATCH_MAX } from "./contact-input";
import { draftContentSchema } from "./draft";
import { ENROLLMENT_STATUSES } from "./enrollment-status";
import { SEQUENCE_DOCUMENT_FORMAT, sequenceDocumentSchema } from "./sequence-document";

// The request and response shapes of /api/v1. Requests are validated with these very schemas and
// the OpenAPI document is generated from them (api-openapi.ts): there is no second copy.

export const API_BATCH_MAX = IMPORT_BATCH_MAX;
export const API_PAGE_MAX = 200;

const id = z.uuid();
const dateTime = z.iso.datetime();
const nullableDateTime = dateTime.nullable();

// ---- shared pieces -------------------------------------------------------------------------
export const idParams = z.object({ id: z.uuid() });
export const versionParams = z.object({ id: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000) });

const limit = z.coerce.number().int().min(1).max(API_PAGE_MAX).default(50);
const cursor = z.uuid().optional().meta({ description: "nextCursor of the previous page" });

const stepShape = z.looseObject({ key: z.string(), type: z.string() });
const contentShape = z.object({
  steps: z.array(stepShape),
  // Loose: settings grow (tracking, send window, holidays, daily caps) and a client must accept new keys.
  settings: z.looseObject({ exitOnReply: z.boolean(), exitOnUnsubscribe: z.boolean() }),
});

// ---- contacts ------------------------------------------------------------------------------
export const contactSchema = z.object({
  id,
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string().nullable().meta({ description: "IANA time zone; null = the organisation's" }),
  attributes: z.record(z.string(), z.string()),
  unsubscribedAt: nullableDateTime,
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const contactUpsertBody = contactInputSchema;
export const contactUpsertResponse = z.object({ contact: contactSchema, created: z.boolean() });

export const contactBatchBody = z.object({
  contacts: z
    .array(contactInputSchema)
    .min(1, "Send at least one contact")
    .max(API_BATCH_MAX, `At most ${API_BATCH_MAX} contacts per request`),
});
export const contactBatchResponse = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  contacts: z.array(z.object({ id, email: z.string(), created: z.boolean() })),
});

export const contactListQuery = z.object({ cursor, limit });
export const contactListResponse = z.object({ data: z.array(contactSchema), nextCursor: z.string().nullable() });

export const unsubscribeResponse = z.object({
  contactId: id,
  unsubscribedAt: dateTime,
  exitedEnrollmentIds: z.array(id),
  keptEnrollmentIds: z.array(id),
});

// ---- enrollments ---------------------------------------------------------------------------
const enrollmentStatus = z.enum(ENROLLMENT_STATUSES);

export const enrollmentSchema = z.object({
  id,
  contactId: id,
  email: z.string(),
  sequenceId: id,
  versionId: id,
  versionNumber: z.number().int(),
  status: enrollmentStatus,
  currentStepKey: z.string().nullable(),
  currentStepIndex: z.number().int(),
  nextRunAt: nullableDateTime,
  enrolledAt: dateTime,
  exitReason: z.string().nullable(),
  finishedAt: nullableDateTime,
});

export const timelineEventSchema = z.object({
  id,
  type: z.string(),
  at: dateTime,
  versionId: id.nullable(),
  stepKey: z.string().nullable(),
  stepIndex: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const enrollmentDetailResponse = enrollmentSchema.extend({
  version: z.object({ id, number: z.number().int(), contentHash: z.string(), content: contentShape }),
  timeline: z.array(timelineEventSchema),
});

export const enrollBody = z
  .object({
    sequenceId: id,
    contactIds: z.array(id).max(API_BATCH_MAX).default([]),
    contacts: z
      .array(contactInputSchema)
      .max(API_BATCH_MAX)
      .default([])
      .meta({ description: "Contacts by email, upserted first (attributes merged)" }),
  })
  .refine((b) => b.contactIds.length + b.contacts.length >= 1, "Send contactIds or contacts")
  .refine(
    (b) => b.contactIds.length + b.contacts.length <= API_BATCH_MAX,
    `At most ${API_BATCH_MAX} contacts per request`,
  );

export const enrollResponse = z.object({
  sequenceId: id,
  versionId: id,
  versionNumber: z.number().int(),
  requested: z.number().int(),
  enrolled: z.number().int(),
  skipped: z.object({
    notFound: z.number().int(),
    unsubscribed: z.number().int(),
    alreadyEnrolled: z.number().int(),
    duplicate: z.number().int(),
  }),
  enrollments: z
    .array(z.object({ id, contactId: id, status: enrollmentStatus, versionNumber: z.number().int() }))
    .meta({ description: "The in-flight enrollment of every requested contact in this sequence" }),
});

export const enrollmentListQuery = z.object({
  sequenceId: z.uuid().optional(),
  versionId: z.uuid().optional(),
  status: enrollmentStatus.optional(),
  cursor,
  limit,
});
export const enrollmentListResponse = z.object({ data: z.array(enrollmentSchema), nextCursor: z.string().nullable() });

export const enrollmentActionResponse = z.object({ id, status: enrollmentStatus });

const inboundContact = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Not a valid email address").max(320)),
});
export const replyBody = inboundContact;
export const bounceBody = inboundContact.extend({
  kind: z.enum(["hard", "soft"]).default("hard").meta({ description: "A hard bounce fails in-flight enrollments" }),
  reason: z.string().trim().max(500).default(""),
});
export const inboundResponse = z.object({
  contactId: id,
  exitedEnrollmentIds: z.array(id),
  failedEnrollmentIds: z.array(id),
  keptEnrollmentIds: z.array(id),
});

// ---- sequences -----------------------------------------------------------------------------
export const sequenceSchema = z.object({
  id,
  name: z.string(),
  status: z.enum(["draft", "active", "archived"]),
  activeVersionNumber: z.number().int().nullable(),
  activeEnrollments: z.number().int(),
  stepCount: z.number().int(),
  lastPublishedAt: nullableDateTime,
  updatedAt: dateTime,
});
export const sequenceListQuery = z.object({ includeArchived: z.enum(["true", "false"]).default("false") });
export const sequenceListResponse = z.object({ data: z.array(sequenceSchema) });

export const draftResponse = z.object({
  sequenceId: id,
  revision: z.number().int(),
  savedAt: nullableDateTime,
  draft: contentShape,
});
export const draftReplaceBody = z.object({
  revision: z.number().int().min(0).meta({ description: "The revision you read; a stale one is a 409" }),
  draft: draftContentSchema,
});
export const draftReplaceResponse = z.object({ sequenceId: id, revision: z.number().int(), savedAt: dateTime });

export const publishBody = z.object({
  note: z.string().trim().min(1, "Write a note: what changed and why").max(500),
  expectedRevision: z.number().int().min(0).optional(),
});
export const publishResponse = z.object({
  versionId: id,
  number: z.number().int(),
  contentHash: z.string(),
  created: z.boolean().meta({ description: "false when the draft equals the active version" }),
});

export const versionSummarySchema = z.object({
  id,
  number: z.number().int(),
  note: z.string(),
  contentHash: z.string(),
  publishedAt: dateTime,
  activeEnrollments: z.number().int(),
  totalEnrollments: z.number().int(),
});
export const versionListResponse = z.object({ data: z.array(versionSummarySchema) });
export const versionResponse = z.object({
  id,
  sequenceId: id,
  number: z.number().int(),
  note: z.string(),
  contentHash: z.string(),
  publishedAt: dateTime,
  parentVersionId: id.nullable(),
  content: contentShape,
});

export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
/** The days a step can run on (a range with business days, holidays or a send window). */
const dayRange = z.object({ min: z.number(), max: z.number(), reasons: z.array(z.string()) });
const diffPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export const diffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    moved: z.number().int(),
    modified: z.number().int(),
    unchanged: z.number().int(),
  }),
  rows: z.array(
    z.object({
      key: z.string(),
      status: z.enum(["unchanged", "added", "removed", "moved", "modified"]),
      moved: z.boolean(),
      modified: z.boolean(),
      fromIndex: z.number().int().nullable(),
      toIndex: z.number().int().nullable(),
      fromStep: stepShape.nullable(),
      toStep: stepShape.nullable(),
      fromDay: z.number().nullable(),
      toDay: z.number().nullable(),
      fromRange: dayRange.nullable(),
      toRange: dayRange.nullable(),
      fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string(), parts: z.array(diffPart) })),
    }),
  ),
});

// ---- sequences as code ---------------------------------------------------------------------
export const documentQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: "A published version number; absent: the draft" }),
  format: z.enum(["yaml", "json"]).default("yaml"),
});
const documentShape = z.looseObject({
  format: z.literal(SEQUENCE_DOCUMENT_FORMAT),
  sequenceId: id.optional(),
  revision: z.number().int().optional(),
  version: z.number().int().optional(),
  name: z.string(),
  description: z.string(),
  settings: z.looseObject({}),
  steps: z.array(stepShape),
});
export const documentResponse = z.object({
  sequenceId: id,
  revision: z.number().int().meta({ description: "The draft's current revision (push it back with this)" }),
  version: z.number().int().nullable(),
  format: z.enum(["yaml", "json"]),
  fileName: z.string(),
  text: z.string().meta({ description: "The document serialized in `format`, ready to write to a file" }),
  document: documentShape,
});
export const documentReplaceBody = z.object({
  revision: z.number().int().min(0).meta({ description: "The draft revision you pulled; a stale one is a 409" }),
  document: sequenceDocumentSchema,
});
export const documentReplaceResponse = z.object({
  sequenceId: id,
  revision: z.number().int(),
  savedAt: dateTime,
  changed: z.boolean().meta({ description: "false when the document equals the draft (nothing written)" }),
});
export const sequenceCreateBody = z.object({ document: sequenceDocumentSchema });
export const sequenceCreateResponse = z.object({ sequenceId: id, name: z.string(), revision: z.number().int() });
