/**
 * Ranking metrics over queries: `relevance[q][i]` graded relevance of item i in query q and
 * `scores[q][i]` the model's score for it.
 */
type Num = ArrayLike<number>;

/** DCG with tied scores sharing their positions' discounts (scikit-learn's _tie_averaged_dcg). */
function tieAveragedDcg(rel: Num, score: Num, discountCumsum: Float64Array): number {
  const n = rel.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let dcg = 0;
  let prevEnd = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    let gain = 0;
    while (j < n && score[order[j]] === score[order[i]]) gain += rel[order[j++]];
    const end = discountCumsum[j - 1];
    dcg += (gain / (j - i)) * (end - (i === 0 ? 0 : prevEnd));
    prevEnd = end;
    i = j;
  }
  return dcg;
}

function dcgIgnoringTies(rel: Num, score: Num, discount: Float64Array): number {
  const order = Array.from({ length: rel.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let dcg = 0;
  for (let r = 0; r < order.length; r++) dcg += rel[order[r]] * discount[r];
  return dcg;
}

/** NDCG@k averaged over queries, as sklearn.metrics.ndcg_score (queries with no relevant item score 0). */
export function ndcg(relevance: Num[], scores: Num[], k?: number): number {
  let total = 0;
  for (let q = 0; q < relevance.length; q++) {
    const n = relevance[q].length;
    const discount = new Float64Array(n);
    for (let r = 0; r < n; r++) discount[r] = k !== undefined && r >= k ? 0 : 1 / Math.log2(r + 2);
    const cumsum = new Float64Array(n);
    discount.reduce((acc, d, r) => (cumsum[r] = acc + d), 0);
    const ideal = dcgIgnoringTies(relevance[q], relevance[q], discount);
    total += ideal === 0 ? 0 : tieAveragedDcg(relevance[q], scores[q], cumsum) / ideal;
  }
  return total / relevance.length;
}

/** Mean reciprocal rank of the first relevant (relevance > 0) item; a query with none counts 0. */
export function mrr(relevance: Num[], scores: Num[]): number {
  let total = 0;
  for (let q = 0; q < relevance.length; q++) {
    const order = Array.from({ length: relevance[q].length }, (_, i) => i).sort((a, b) => scores[q][b] - scores[q][a]);
    const first = order.findIndex((i) => relevance[q][i] > 0);
    total += first < 0 ? 0 : 1 / (first + 1);
  }
  return total / relevance.length;
}

/**
 * Of all pairs in a query with different relevance, the fraction the scores order the same way
 * (a tie in score counts one half).
 */
export function pairwiseAccuracy(relevance: Num[], scores: Num[]): number {
  let pairs = 0;
  let right = 0;
  for (let q = 0; q < relevance.length; q++) {
    const rel = relevance[q];
    const s = scores[q];
    for (let i = 0; i < rel.length; i++) {
      for (let j = 0; j < rel.length; j++) {
        if (rel[i] <= rel[j]) continue;
        pairs++;
        right += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
  }
  return pairs ? right / pairs : NaN;
}

/** Groups flat rows (query_id, relevance, score) into per-query arrays, in first-seen query order. */
export function groupByQuery(queryIds: ArrayLike<string | number>, relevance: Num, scores: Num): { relevance: number[][]; scores: number[][]; queries: (string | number)[] } {
  const index = new Map<string | number, number>();
  const rel: number[][] = [];
  const sc: number[][] = [];
  for (let i = 0; i < queryIds.length; i++) {
    let q = index.get(queryIds[i]);
    if (q === undefined) {
      q = rel.length;
      index.set(queryIds[i], q);
      rel.push([]);
      sc.push([]);
    }
    rel[q].push(relevance[i]);
    sc[q].push(scores[i]);
  }
  return { relevance: rel, scores: sc, queries: [...index.keys()] };
}

/**
 * Kendall's tau-b (scipy.stats.kendalltau's default): (concordant − discordant) over the
 * geometric mean of the pairs untied in x and untied in y. NaN when either side is constant.
 * O(n²): meant for held-out sets of a few thousand.
 */
export function kendallTau(x: Num, y: Num): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      const s = dx * dy;
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiedX) * (n0 - tiedY));
  return denom > 0 ? (concordant - discordant) / denom : NaN;
}
