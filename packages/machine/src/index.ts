export * from './lifecycle/lifecycle.events.js';
export * from './lifecycle/lifecycle.rules.js';
export * from './lifecycle/lifecycle.machine.js';
export * from './lifecycle/lifecycle.record.js';
export * from './intake/intake.context.js';
export * from './intake/intake.machine.js';
export * from './intake/intake.selectors.js';
