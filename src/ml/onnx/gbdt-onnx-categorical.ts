import type { GbdtModel } from '../models/gbdt/model';
import { FLOAT, type GraphBuilder } from './graph-builder';

/**
 * Category-set splits in a classic TreeEnsemble. ai.onnx.ml opset 5's TreeEnsemble has
 * BRANCH_MEMBER, but the official checker Kiln's exports must pass (onnx 1.12) knows ai.onnx.ml up
 * to opset 3 only, and a chain of BRANCH_EQ nodes would need a copy of the left subtree per member
 * (exponential under nested category splits). So the graph computes membership before the
 * ensemble: one extra column per distinct (feature, set) pair, 0 when the row's code is in the
 * set, 1 when not, NaN when the code is missing (unseen categories are missing already, from the
 * LabelEncoder). The node then becomes "column ≤ 0.5" with the learned missing direction: in the
 * set → left, as Kiln routes it. Per categorical feature that is an Equal against its codes (a
 * one-hot, all zeros for NaN), a MatMul with the 0/1 codes × sets matrix (exact: one 1 per row),
 * and a Where for missing codes.
 */
export interface MembershipColumns {
  /** the tree input with the membership columns appended */
  input: string;
  /** the ensemble feature index of node i of tree t, for its categorical nodes */
  column(t: number, i: number): number;
}

export function membershipColumns(g: GraphBuilder, m: GbdtModel, input: string): MembershipColumns {
  const F = m.featureNames.length;
  // per feature: its distinct sets, in first-seen order, and the column each gets
  const sets = new Map<number, { key: string; codes: number[] }[]>();
  const at = new Map<string, number>();
  const keyOf = (f: number, codes: number[]) => `${f}:${codes.join(',')}`;
  m.trees.forEach((t) =>
    t.catLeft?.forEach((codes, i) => {
      if (!codes || t.feature[i] < 0) return;
      const f = t.feature[i];
      const key = keyOf(f, codes);
      if (at.has(key)) return;
      at.set(key, -1);
      const list = sets.get(f) ?? [];
      list.push({ key, codes });
      sets.set(f, list);
    }),
  );
  if (sets.size === 0) return { input, column: () => -1 };
  const pieces = [input];
  let next = F;
  const one = g.floats('one', [], [1]);
  const nan = g.floats('nan', [], [NaN]);
  for (const [f, list] of [...sets].sort((a, b) => a[0] - b[0])) {
    const named = m.categorical?.find((c) => c.feature === m.featureNames[f])?.categories.length ?? 0;
    const K = Math.max(named, 1 + Math.max(...list.flatMap((s) => s.codes), 0));
    const S = list.length;
    const col = g.op('Gather', [input, g.ints('cat_feature', [1], [f])], { axis: 1 });
    const codes = g.floats('cat_codes', [1, K], Array.from({ length: K }, (_, k) => k));
    const onehot = g.op('Cast', [g.op('Equal', [col, codes])], { to: FLOAT });
    const member = new Float32Array(K * S);
    list.forEach((s, j) => {
      for (const k of s.codes) member[k * S + j] = 1;
      at.set(s.key, next + j);
    });
    const inSet = g.op('MatMul', [onehot, g.floats('cat_sets', [K, S], member)]);
    pieces.push(g.op('Where', [g.op('IsNaN', [col]), nan, g.op('Sub', [one, inSet])]));
    next += S;
  }
  return {
    input: g.op('Concat', pieces, { axis: 1 }),
    column: (t, i) => at.get(keyOf(m.trees[t].feature[i], m.trees[t].catLeft?.[i] ?? [])) ?? -1,
  };
}
