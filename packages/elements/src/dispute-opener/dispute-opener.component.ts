import { AmicableElement } from '../base/amicable-element.js';

export class DisputeOpener extends AmicableElement {}
