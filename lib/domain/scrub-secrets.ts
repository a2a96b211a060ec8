// Secrets that can hide inside free text a logger receives (an error message quoting a connection
// string, a failed request echoing its Authorization header, a stack frame with a key in it).
// Field redaction (lib/observability/logger.ts) only covers named fields; this covers the text.

const PATTERNS: [RegExp, string][] = [
  // Authorization header values (first: the value may itself be a key with a prefix below).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, "$1 [redacted]"],
  // API keys and webhook signing secrets: keep the recognisable prefix, drop the secret.
  [/\bseq_(live|test)_[A-Za-z0-9_-]+/g, "seq_$1_[redacted]"],
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, "whsec_[redacted]"],
  // Credentials in URLs: postgresql://user:password@host, https://user:token@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi, "$1:[redacted]@"],
  // key=value secrets (libpq strings, query strings).
  [/\b(password|passwd|secret|token|api_key|apikey)=([^\s&;]+)/gi, "$1=[redacted]"],
];

/** `text` with every secret-looking token replaced by "[redacted]"; other text is unchanged. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
