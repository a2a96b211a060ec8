// `npm run test:model -- --runs N [--seed S [--path P --replay R]] [--fault unpinned]`: the model-based
// pinning test with more runs (--path/--replay: the path and replayPath a failure printed, to replay
// it); with --fault, only the mutation check, which must catch that bug within N runs.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const env = { ...process.env, MODEL_RUNS: valueOf("--runs") ?? "1000" };
if (valueOf("--seed")) env.MODEL_SEED = valueOf("--seed");
if (valueOf("--path")) env.MODEL_PATH = valueOf("--path");
if (valueOf("--replay")) env.MODEL_REPLAY = valueOf("--replay");
if (valueOf("--fault")) env.MODEL_FAULT = valueOf("--fault");
const result = spawnSync("npx", ["vitest", "run", "--project", "integration", "tests/model-pinning.test.ts"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
