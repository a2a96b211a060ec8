import { describe, expect, it } from "vitest";
import { isConnectionLoss } from "./connection-loss";

// What the app sees: Prisma's driver adapter wraps the pg error; the page must still recognise it.
describe("isConnectionLoss (Prisma errors, cause chains)", () => {
  it.each([
    [{ code: "P1001", message: "Can't reach database server at 127.0.0.1:5432" }, true],
    [{ code: "P1017", message: "Server has closed the connection." }, true],
    [{ name: "DriverAdapterError", message: "x", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1" } }, true],
    [{ message: "Invalid `prisma.user.findUnique()` invocation", cause: { code: "ECONNREFUSED" } }, true],
    [new Error("outer", { cause: new Error("the database system is shutting down") }), true],
    [{ code: "P2002", message: "Unique constraint failed on the fields: (`email`)" }, false],
    [{ code: "28P01", message: 'password authentication failed for user "x"' }, false],
    [undefined, false],
  ])("%o -> %s", (error, expected) => {
    expect(isConnectionLoss(error)).toBe(expected);
  });

  it("stops on a cause cycle", () => {
    const a: { message: string; cause?: unknown } = { message: "a" };
    a.cause = a;
    expect(isConnectionLoss(a)).toBe(false);
  });
});
