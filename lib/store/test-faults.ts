/**
 * A test-only fault switch for the model test's mutation check (tests/model-pinning.test.ts): with
 * SEQUENCER_TEST_FAULT=unpinned the store loads a sequence's newest version instead of the pinned
 * one, and the model test must notice. Inert unless that variable is set.
 */
export function faultActive(name: "unpinned"): boolean {
  return process.env.SEQUENCER_TEST_FAULT === name;
}
