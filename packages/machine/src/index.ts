export { counterFault, type CounterFault } from './counter-offer.js';
export { ALLOWED, currentDeadline, sellerLapse } from './lifecycle/lifecycle.rules.js';
export type { DisputeRecord, FieldFault, LifecycleContext, LifecycleEvent, LifecycleEventType, Refusal } from './lifecycle/lifecycle.rules.js';
export { lifecycleMachine, type LifecycleInput } from './lifecycle/lifecycle.machine.js';
export {
  applyLifecycleEvent,
  disputeOf,
  idleOf,
  lapseIfDue,
  openDispute,
  refusalOf,
  restoreLifecycle,
  sellerResponseAction,
  statusOf,
} from './lifecycle/lifecycle.record.js';
export type { LifecycleResult, LifecycleSnapshot, OpenDisputeInput, OpeningRefusal } from './lifecycle/lifecycle.record.js';
export * from './intake/intake.context.js';
export * from './intake/intake.machine.js';
export * as intakeSelectors from './intake/intake.selectors.js';
export type { DescriptionError, IntakeFault, PhotoCountError, ProposalError, RefundError } from './intake/intake.selectors.js';
export * from './response/response.machine.js';
// Namespaced: the intake's selectors use some of the same names (canContinue).
export * as responseSelectors from './response/response.selectors.js';
export type { ProposalSplit, ResponseSnapshot, ResponseSummary } from './response/response.selectors.js';
export * from './failure.js';
