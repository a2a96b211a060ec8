/**
 * An expected failure whose message is written for the user (conflict, not found, refused).
 * Anything else thrown inside an action is logged and replaced by a generic message.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: "invalid" | "conflict" | "not_found" | "forbidden" | "unauthenticated" = "invalid",
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
