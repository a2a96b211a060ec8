// The detector is pure and shared with the app (the 503 page): lib/domain/connection-loss.ts.
export { isConnectionLoss } from "@/lib/domain/connection-loss";
