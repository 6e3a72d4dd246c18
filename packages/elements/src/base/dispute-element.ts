import { validateTree, type DecisionTree, type Dispute, type OrderContext } from '@amicable/protocol';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { OrderContextController } from '../controllers/order-context-controller.js';
import { AmicableElement } from './amicable-element.js';
import { SetupError } from './setup-error.js';

/**
 * What the buyer's and the seller's elements share: they start from the order's context, which
 * they load themselves, may be given the decision tree by the host, and name the dispute they show.
 */
export class DisputeElement extends AmicableElement {
  /**
   * The id of the dispute shown. Set by the element once it shows one, so a host can read it. A
   * host that sets it (a page for one case) gets an error instead of another dispute of the order.
   */
  @property({ attribute: 'dispute-id', reflect: true }) disputeId = '';

  /**
   * A decision tree to use instead of the one in the backend's order context, for a host that
   * configures its tree in the page. It must be valid (see `validateTree`) and the same one the
   * backend checks disputes against (id and version), or the backend refuses the dispute.
   */
  @property({ attribute: false }) tree?: DecisionTree;

  protected readonly order = new OrderContextController(this, {
    adapt: (context) => this.#adapt(context),
    onLoaded: (context) => {
      this.preferredLocale = context.locale;
      this.l10n.refresh();
      this.contextLoaded(context);
    },
    onFailed: (error) => this.contextFailed(error),
  });

  /** The language the backend prefers for this person (the context's `locale`); `locale` and the page's `lang` win. */
  preferredLocale?: string;

  /** The loaded context, once ready. */
  protected get context(): OrderContext | undefined {
    const state = this.order.state;
    return state.status === 'ready' ? state.context : undefined;
  }

  /** Starts the element's flow from a loaded context. */
  protected contextLoaded(_context: OrderContext): void {}

  /** Shows that the context could not be loaded (or could not be used). */
  protected contextFailed(_error: unknown): void {}

  /** Records the dispute now shown, for the host to read from `dispute-id`. */
  protected showing(dispute: Dispute): void {
    this.disputeId = dispute.id;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another order: the id was the previous order's dispute, unless the host names a new one with it.
    if (changed.get('orderId') && !changed.has('disputeId')) this.disputeId = '';
    // Safe on every update: the controller loads once per order and client.
    this.order.load(this.orderId, this.activeClient);
    if (changed.has('tree') && this.order.state.status !== 'idle') this.order.reload();
  }

  #adapt(context: OrderContext): OrderContext {
    const wanted = this.disputeId;
    if (wanted !== '' && context.dispute !== null && context.dispute.id !== wanted) {
      throw new SetupError('dispute-mismatch', `dispute-id is "${wanted}", but order ${context.orderId} has dispute "${context.dispute.id}".`);
    }
    if (this.tree === undefined) return context;
    const checked = validateTree(this.tree);
    if (!checked.ok) {
      const faults = checked.faults.map((fault) => `${fault.path}: ${fault.message}`).join('; ');
      console.error(`The decision tree given to <${this.localName}> is not valid: ${faults}`);
      throw new SetupError('invalid-tree', `The decision tree is not valid: ${faults}`);
    }
    return { ...context, tree: checked.tree };
  }
}
