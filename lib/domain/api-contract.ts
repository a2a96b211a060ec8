import { z } from "zod";
import type { ApiScope } from "./api-scopes";
import * as s from "./api-schemas";

// Every operation of /api/v1, once: method, path (OpenAPI template), scope and schemas. Route
// handlers are built from these entries (lib/server/api/define-route.ts) and the OpenAPI document
// is generated from them (api-openapi.ts); tests check each route file has its entry and back.

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export type ApiOperation = {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tag: "contacts" | "enrollments" | "inbound" | "sequences";
  scope: ApiScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: 200 | 201;
  /** Honours an Idempotency-Key header (same key + body replays the first response). */
  idempotent?: boolean;
};

function op<const O extends ApiOperation>(operation: O): O {
  return operation;
}

export const API_OPERATIONS = {
  listContacts: op({
    operationId: "listContacts",
    method: "GET",
    path: "/contacts",
    summary: "List contacts (cursor pagination, oldest first)",
    tag: "contacts",
    scope: "read",
    query: s.contactListQuery,
    response: s.contactListResponse,
  }),
  upsertContact: op({
    operationId: "upsertContact",
    method: "POST",
    path: "/contacts",
    summary: "Create or update one contact by email (attributes are merged)",
    tag: "contacts",
    scope: "enroll",
    body: s.contactUpsertBody,
    response: s.contactUpsertResponse,
  }),
  upsertContactBatch: op({
    operationId: "upsertContactBatch",
    method: "POST",
    path: "/contacts/batch",
    summary: `Create or update up to ${s.API_BATCH_MAX} contacts by email in one transaction`,
    tag: "contacts",
    scope: "enroll",
    body: s.contactBatchBody,
    response: s.contactBatchResponse,
  }),
  getContact: op({
    operationId: "getContact",
    method: "GET",
    path: "/contacts/{id}",
    summary: "Get one contact",
    tag: "contacts",
    scope: "read",
    params: s.idParams,
    response: s.contactSchema,
  }),
  unsubscribeContact: op({
    operationId: "unsubscribeContact",
    method: "POST",
    path: "/contacts/{id}/unsubscribe",
    summary: "Unsubscribe a contact (exits in-flight enrollments whose version says so)",
    tag: "contacts",
    scope: "enroll",
    params: s.idParams,
    response: s.unsubscribeResponse,
  }),
  listEnrollments: op({
    operationId: "listEnrollments",
    method: "GET",
    path: "/enrollments",
    summary: "List enrollments, newest first, filtered by sequence, version and status",
    tag: "enrollments",
    scope: "read",
    query: s.enrollmentListQuery,
    response: s.enrollmentListResponse,
  }),
  enrollContacts: op({
    operationId: "enrollContacts",
    method: "POST",
    path: "/enrollments",
    summary: "Enroll contacts (by id, or by email with upsert) into the sequence's active version",
    tag: "enrollments",
    scope: "enroll",
    body: s.enrollBody,
    response: s.enrollResponse,
    status: 201,
    idempotent: true,
  }),
  getEnrollment: op({
    operationId: "getEnrollment",
    method: "GET",
    path: "/enrollments/{id}",
    summary: "Get one enrollment with its pinned version and timeline",
    tag: "enrollments",
    scope: "read",
    params: s.idParams,
    response: s.enrollmentDetailResponse,
  }),
  pauseEnrollment: op({
    operationId: "pauseEnrollment",
    method: "POST",
    path: "/enrollments/{id}/pause",
    summary: "Pause an enrollment",
    tag: "enrollments",
    scope: "enroll",
    params: s.idParams,
    response: s.enrollmentActionResponse,
  }),
  resumeEnrollment: op({
    operationId: "resumeEnrollment",
    method: "POST",
    path: "/enrollments/{id}/resume",
    summary: "Resume a paused enrollment",
    tag: "enrollments",
    scope: "enroll",
    params: s.idParams,
    response: s.enrollmentActionResponse,
  }),
  unenroll: op({
    operationId: "unenroll",
    method: "POST",
    path: "/enrollments/{id}/unenroll",
    summary: "Unenroll (exit) an enrollment",
    tag: "enrollments",
    scope: "enroll",
    params: s.idParams,
    response: s.enrollmentActionResponse,
  }),
  recordReply: op({
    operationId: "recordReply",
    method: "POST",
    path: "/inbound/replies",
    summary: "Record a reply from a contact (exits enrollments whose version says exitOnReply)",
    tag: "inbound",
    scope: "enroll",
    body: s.replyBody,
    response: s.inboundResponse,
  }),
  recordBounce: op({
    operationId: "recordBounce",
    method: "POST",
    path: "/inbound/bounces",
    summary: "Record a bounce (a hard bounce fails the contact's in-flight enrollments)",
    tag: "inbound",
    scope: "enroll",
    body: s.bounceBody,
    response: s.inboundResponse,
  }),
  listSequences: op({
    operationId: "listSequences",
    method: "GET",
    path: "/sequences",
    summary: "List sequences",
    tag: "sequences",
    scope: "read",
    query: s.sequenceListQuery,
    response: s.sequenceListResponse,
  }),
  getDraft: op({
    operationId: "getDraft",
    method: "GET",
    path: "/sequences/{id}/draft",
    summary: "Get a sequence's draft and its revision",
    tag: "sequences",
    scope: "read",
    params: s.idParams,
    response: s.draftResponse,
  }),
  replaceDraft: op({
    operationId: "replaceDraft",
    method: "PUT",
    path: "/sequences/{id}/draft",
    summary: "Replace the draft (optimistic: send the revision you read)",
    tag: "sequences",
    scope: "sequences",
    params: s.idParams,
    body: s.draftReplaceBody,
    response: s.draftReplaceResponse,
  }),
  publishVersion: op({
    operationId: "publishVersion",
    method: "POST",
    path: "/sequences/{id}/publish",
    summary: "Publish the draft as a new immutable version",
    tag: "sequences",
    scope: "sequences",
    params: s.idParams,
    body: s.publishBody,
    response: s.publishResponse,
    status: 201,
  }),
  listVersions: op({
    operationId: "listVersions",
    method: "GET",
    path: "/sequences/{id}/versions",
    summary: "List a sequence's published versions, newest first",
    tag: "sequences",
    scope: "read",
    params: s.idParams,
    response: s.versionListResponse,
  }),
  getVersion: op({
    operationId: "getVersion",
    method: "GET",
    path: "/sequences/{id}/versions/{number}",
    summary: "Get one published version",
    tag: "sequences",
    scope: "read",
    params: s.versionParams,
    response: s.versionResponse,
  }),
  diffVersions: op({
    operationId: "diffVersions",
    method: "GET",
    path: "/sequences/{id}/diff",
    summary: "Semantic diff between two versions (steps aligned by key)",
    tag: "sequences",
    scope: "read",
    params: s.idParams,
    query: s.diffQuery,
    response: s.diffResponse,
  }),
  createSequence: op({
    operationId: "createSequence",
    method: "POST",
    path: "/sequences",
    summary: "Create a sequence from a sequence document (its steps and settings become the draft)",
    tag: "sequences",
    scope: "sequences",
    body: s.sequenceCreateBody,
    response: s.sequenceCreateResponse,
    status: 201,
  }),
  getSequenceDocument: op({
    operationId: "getSequenceDocument",
    method: "GET",
    path: "/sequences/{id}/document",
    summary: "Export the draft or a published version as a sequence document (YAML or JSON), keys kept",
    tag: "sequences",
    scope: "read",
    params: s.idParams,
    query: s.documentQuery,
    response: s.documentResponse,
  }),
  replaceDraftFromDocument: op({
    operationId: "replaceDraftFromDocument",
    method: "PUT",
    path: "/sequences/{id}/document",
    summary: "Replace the draft with a sequence document's steps and settings (optimistic revision)",
    tag: "sequences",
    scope: "sequences",
    params: s.idParams,
    body: s.documentReplaceBody,
    response: s.documentReplaceResponse,
  }),
} as const satisfies Record<string, ApiOperation>;

export type ApiOperationId = keyof typeof API_OPERATIONS;
