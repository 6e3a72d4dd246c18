import { AmicableElement } from '../base/amicable-element.js';

export class ProposalPicker extends AmicableElement {}
