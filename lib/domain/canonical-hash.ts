import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "./canonical-json";
import { versionContentSchema, type VersionContent } from "./steps";

export { canonicalJson } from "./canonical-json";

/**
 * Lowercase hex sha256 of the canonical content. Parsing first means defaults and trimming are
 * applied, so a draft saved with `note` omitted hashes the same as one with `note: ""`.
 */
export function contentHash(content: VersionContent): string {
  const normalized = versionContentSchema.parse(content);
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(normalized))));
}
