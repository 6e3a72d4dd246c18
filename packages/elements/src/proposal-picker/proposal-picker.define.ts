import { defineElement } from '../registration.js';
import { ProposalPicker } from './proposal-picker.component.js';

// Registers <proposal-picker>; importing this module is the side effect.
defineElement('proposal-picker', ProposalPicker);

export { ProposalPicker };

declare global {
  interface HTMLElementTagNameMap {
    'proposal-picker': ProposalPicker;
  }
}
