// A deliberate-bug switch for the model test's mutation check (tests/model-pinning.test.ts): the
// model test turns a fault on to prove it would catch that bug. Inert otherwise: nothing sets
// SEQUENCER_TEST_FAULT outside that check, and production code never reads it for anything else.
export function faultActive(name: "unpinned"): boolean {
  return process.env.SEQUENCER_TEST_FAULT === name;
}
