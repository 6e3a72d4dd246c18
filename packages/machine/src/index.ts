export * from './lifecycle/lifecycle.events.js';
export * from './lifecycle/lifecycle.rules.js';
export * from './lifecycle/lifecycle.machine.js';
export * from './lifecycle/lifecycle.record.js';
export * from './intake/intake.context.js';
export * from './intake/intake.machine.js';
export * as intakeSelectors from './intake/intake.selectors.js';
export type { DescriptionError, PhotoCountError, ProposalError, RefundError } from './intake/intake.selectors.js';
export * from './response/response.machine.js';
// Namespaced: the intake's selectors use some of the same names (canContinue).
export * as responseSelectors from './response/response.selectors.js';
export type { ProposalSplit, ResponseSnapshot, ResponseSummary } from './response/response.selectors.js';
export * from './failure.js';
