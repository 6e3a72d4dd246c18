import { localizedEntry, type LocalizedText } from '@amicable/protocol';
import { html, type TemplateResult } from 'lit';
import type { Localizer } from './localizer.js';

/**
 * A text of the decision tree for the reader: in their language where the tree has it; else in
 * the tree's fallback, marked with its own `lang` (so a screen reader pronounces it as written)
 * and direction (so an English prompt reads right in an Arabic page).
 */
export function treeText(l10n: Localizer, text: LocalizedText, fallback: string): TemplateResult | string {
  const entry = localizedEntry(text, l10n.locale, fallback);
  return languageOf(entry.tag) === languageOf(l10n.locale) ? entry.text : html`<span lang=${entry.tag} dir="auto">${entry.text}</span>`;
}

function languageOf(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}
