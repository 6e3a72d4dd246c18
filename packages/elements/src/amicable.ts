import { defineElements } from './define.js';

// The script-tag entry. `amicable.js?prefix=acme` registers <acme-dispute-opener> and so on
// instead of the default tags.
defineElements({ prefix: new URL(import.meta.url).searchParams.get('prefix') ?? '' });

export * from './index.js';
