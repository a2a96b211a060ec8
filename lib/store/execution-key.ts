/**
 * "<pass>:<step key>": one execution of a step per pass, ever (unique per enrollment on events,
 * messages and tasks). The same step may run again only after an operator migration bumps the pass.
 */
export const executionKey = (pass: number, stepKey: string): string => `${pass}:${stepKey}`;
