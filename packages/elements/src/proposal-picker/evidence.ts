import { outcomeOf, questionOf, type Dispute, type LocalizedText, type OrderContext } from '@amicable/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { Localizer } from '../localization/localizer.js';
import { treeText } from '../localization/tree-text.js';

/**
 * The buyer's case as the seller reviews it: the order, the buyer's answers to the tree's
 * questions and the problem they lead to, the buyer's own words, and the photos as thumbnails
 * that open the larger view (`onOpen(index, thumbnail)`).
 */
export function renderEvidence(
  l10n: Localizer,
  context: OrderContext,
  dispute: Dispute,
  onOpen: (index: number, thumbnail: HTMLElement) => void,
): TemplateResult {
  const { tree } = context;
  const text = (value: LocalizedText) => treeText(l10n, value, tree.fallbackLocale);
  const outcome = outcomeOf(tree, dispute.outcomeId);
  const count = dispute.photos.length;
  return html`<section part="evidence" class="stack" aria-labelledby="evidence-heading">
    <h2 id="evidence-heading">${l10n.t('picker.evidence.heading')}</h2>
    <dl part="order" class="facts">
      <div><dt>${l10n.t('picker.order')}</dt><dd dir="auto">${context.summary.title}</dd></div>
      <div><dt>${l10n.t('picker.paid')}</dt><dd>${l10n.money(dispute.price)}</dd></div>
      <div><dt>${l10n.t('picker.openedBy')}</dt><dd>${context.buyer.displayName},
        <time datetime=${dispute.createdAt}>${l10n.dateTime(dispute.createdAt)}</time></dd></div>
      ${outcome === undefined ? nothing : html`<div><dt>${l10n.t('picker.outcome')}</dt><dd dir="auto">${text(outcome.title)}</dd></div>`}
    </dl>
    ${dispute.path.length === 0
      ? nothing
      : html`<h3>${l10n.t('picker.answers')}</h3>
          <dl part="answers" class="facts">
            ${dispute.path.map((step) => {
              const question = questionOf(tree, step.nodeId);
              const option = question?.options.find((o) => o.id === step.optionId);
              return question === undefined || option === undefined
                ? nothing
                : html`<div><dt dir="auto">${text(question.prompt)}</dt><dd dir="auto">${text(option.label)}</dd></div>`;
            })}
          </dl>`}
    <h3>${l10n.t('picker.description')}</h3>
    ${dispute.description.trim() === ''
      ? html`<p class="muted">${l10n.t('picker.noDescription')}</p>`
      : html`<p part="description" class="description" dir="auto">${dispute.description}</p>`}
    ${count === 0
      ? nothing
      : html`<h3>${l10n.t('picker.photos', { count })}</h3>
          <ul part="photos" class="photos">
            ${dispute.photos.map(
              (photo, index) => html`<li>
                <button type="button" part="photo" aria-haspopup="dialog"
                  @click=${(event: Event) => onOpen(index, event.currentTarget as HTMLElement)}>
                  <img src=${photo.url} alt=${l10n.t('picker.photo', { n: index + 1, count })} loading="lazy" />
                </button>
              </li>`,
            )}
          </ul>`}
  </section>`;
}
