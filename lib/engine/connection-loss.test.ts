import { describe, expect, it } from "vitest";
import { isConnectionLoss } from "./connection-loss";

describe("isConnectionLoss", () => {
  it.each([
    [{ code: "57P01", message: "terminating connection due to administrator command" }, true],
    [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" }, true],
    [new Error("Client has encountered a connection error and is not queryable"), true],
    [new Error("Connection terminated unexpectedly"), true],
    [{ code: "23505", message: "duplicate key value violates unique constraint" }, false],
    [new Error("Can't send mail - all recipients were rejected"), false],
    [null, false],
  ])("%o -> %s", (error, expected) => {
    expect(isConnectionLoss(error)).toBe(expected);
  });
});
