import "server-only";
import { channelUse, missingChannelWarnings, type ChannelCounts, type ChannelUse } from "@/lib/domain/missing-channels";
import { db } from "../db";
import { DomainError } from "../errors";
import { likePrefix, NAME_KEY } from "../contacts/search-contacts";
import { parseVersionContent } from "../sequences/sequence-rows";

export type MissingChannelSource =
  { kind: "ids"; contactIds: string[] } | { kind: "search"; query: string; field: "name" | "email" };

export type MissingChannelReport = { use: ChannelUse; counts: ChannelCounts | null; warnings: string[] };

// A search counts at most this many contacts, like the contact count itself.
const SEARCH_CAP = 100_001;

/**
 * Before enrolling: which channels the sequence's active version uses, and how many of the chosen
 * (subscribed) contacts lack an address for them, counted in one query. No count at all when the
 * version has no email or SMS step.
 */
export async function countMissingChannels(options: {
  sequenceId: string;
  source: MissingChannelSource;
}): Promise<MissingChannelReport> {
  const sequence = await db().sequence.findUnique({
    where: { id: options.sequenceId },
    select: { activeVersion: { select: { content: true } } },
  });
  if (!sequence?.activeVersion) throw new DomainError("That sequence has no published version.", "not_found");
  const use = channelUse(parseVersionContent(sequence.activeVersion.content).steps);
  if (use.email.length === 0 && use.sms.length === 0) return { use, counts: null, warnings: [] };

  type Row = { total: bigint; without_email: bigint; without_phone: bigint };
  const source = options.source;
  let rows: Row[];
  if (source.kind === "ids") {
    rows = await db().$queryRaw<Row[]>`
      SELECT count(*) AS total,
             count(*) FILTER (WHERE btrim(coalesce(c.email, '')) = '') AS without_email,
             count(*) FILTER (WHERE btrim(coalesce(c.phone, '')) = '') AS without_phone
      FROM contacts c WHERE c.id = ANY(${source.contactIds}::uuid[]) AND c.unsubscribed_at IS NULL`;
  } else {
    const prefix = likePrefix(source.query.trim().toLowerCase());
    const where =
      source.field === "email"
        ? db().$queryRaw<Row[]>`
          SELECT count(*) AS total,
                 count(*) FILTER (WHERE btrim(coalesce(t.email, '')) = '') AS without_email,
                 count(*) FILTER (WHERE btrim(coalesce(t.phone, '')) = '') AS without_phone
          FROM (SELECT c.email, c.phone FROM contacts c
                WHERE (c.email COLLATE "C") LIKE ${prefix} AND c.unsubscribed_at IS NULL LIMIT ${SEARCH_CAP}) t`
        : db().$queryRaw<Row[]>`
          SELECT count(*) AS total,
                 count(*) FILTER (WHERE btrim(coalesce(t.email, '')) = '') AS without_email,
                 count(*) FILTER (WHERE btrim(coalesce(t.phone, '')) = '') AS without_phone
          FROM (SELECT c.email, c.phone FROM contacts c
                WHERE ${NAME_KEY} LIKE ${prefix} AND c.unsubscribed_at IS NULL LIMIT ${SEARCH_CAP}) t`;
    rows = await where;
  }
  const row = rows[0];
  const counts: ChannelCounts = {
    total: Number(row?.total ?? 0),
    withoutEmail: Number(row?.without_email ?? 0),
    withoutPhone: Number(row?.without_phone ?? 0),
  };
  return { use, counts, warnings: missingChannelWarnings(use, counts) };
}
