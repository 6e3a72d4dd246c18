import { AmicableElement } from '../base/amicable-element.js';

export class PhotoUploader extends AmicableElement {}
