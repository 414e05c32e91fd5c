/**
 * A number for a data-* attribute. React refuses NaN as an attribute value (a console error, and
 * the attribute is dropped), yet an undefined metric (ROC AUC of a one-class split) is NaN: it is
 * written "NaN", which Number() reads back as NaN. null / undefined give "".
 */
export function numberAttr(v: number | null | undefined): number | string {
  if (v === null || v === undefined) return '';
  return Number.isNaN(v) ? 'NaN' : v;
}
