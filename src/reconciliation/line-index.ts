/**
 * Lines by key, `(month, kind, chargingGroup, region, code)`, for finding the line of a key
 * among many: the lines of a coded kind (`explicit`, `elective`) by their code within a map
 * per month and kind, so that no key text is built for them (most lines of a large invoice);
 * the others by {@link lineKeyId}.
 */
import { lineKeyId, type InvoiceRowKey } from './invoice-line.js';

/** Values by line key; see the module comment. */
export class InvoiceLineIndex<V> {
  readonly #byCode = new Map<string, Map<string, V>>();
  readonly #byKeyId = new Map<string, V>();
  /** The map of the last month and coded kind looked up, with them. */
  #last: { readonly month: string; readonly kind: string; readonly codes: Map<string, V> } | undefined;

  #codes(month: string, kind: 'explicit' | 'elective', create: boolean): Map<string, V> | undefined {
    const last = this.#last;
    if (last !== undefined && last.month === month && last.kind === kind) return last.codes;
    const id = lineKeyId(month, { kind, code: '' });
    let codes = this.#byCode.get(id);
    if (codes === undefined) {
      if (!create) return undefined;
      codes = new Map();
      this.#byCode.set(id, codes);
    }
    this.#last = { month, kind, codes };
    return codes;
  }

  /** The value of a key, if any. */
  get(month: string, key: InvoiceRowKey): V | undefined {
    switch (key.kind) {
      case 'explicit':
      case 'elective':
        return this.#codes(month, key.kind, false)?.get(key.code);
      case 'fixed':
      case 'fixedCh':
      case 'fixedAltHan':
      case 'vat':
      case 'total':
        return this.#byKeyId.get(lineKeyId(month, key));
    }
  }

  /**
   * Gives a key a value, unless it has one already.
   * @returns the value the key had before (then kept), or undefined when it is new.
   */
  add(month: string, key: InvoiceRowKey, value: V): V | undefined {
    switch (key.kind) {
      case 'explicit':
      case 'elective': {
        const codes = this.#codes(month, key.kind, true) as Map<string, V>;
        const present = codes.get(key.code);
        if (present === undefined) codes.set(key.code, value);
        return present;
      }
      case 'fixed':
      case 'fixedCh':
      case 'fixedAltHan':
      case 'vat':
      case 'total': {
        const id = lineKeyId(month, key);
        const present = this.#byKeyId.get(id);
        if (present === undefined) this.#byKeyId.set(id, value);
        return present;
      }
    }
  }
}
