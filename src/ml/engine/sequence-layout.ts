import { lstmLayout, type LstmLayout } from './lstm';

/** The career model as the engine sees it: models/sequence/build-model.ts's network. */
export interface SequenceNetSpec {
  vocabSize: number;
  embeddingDim: number;
  hiddenUnits: number;
  /** stacked recurrent layers, 1 or 2 */
  layers: number;
  bidirectional: boolean;
  /** dropout on the final state, before the heads */
  dropout: number;
}

export interface DenseHead {
  inDim: number;
  outDim: number;
  kernel: number;
  bias: number;
}

/**
 * Where each weight sits in the flat parameter buffer, in TF.js's getWeights() order: the
 * embedding [V, E]; per layer the forward LSTM (kernel, recurrent kernel, bias), then the
 * backward one when bidirectional; the heads next_title [F, V], tenure [F, 1], hireability [F, 1],
 * each kernel then bias. F, the final state's width, is H or 2H.
 */
export interface SequenceLayout {
  embedding: number;
  /** lstm[l][0] forward, lstm[l][1] backward (bidirectional only) */
  lstm: LstmLayout[][];
  heads: [title: DenseHead, tenure: DenseHead, hire: DenseHead];
  featureDim: number;
  size: number;
}

export function sequenceLayout(s: SequenceNetSpec): SequenceLayout {
  const dirs = s.bidirectional ? 2 : 1;
  const F = dirs * s.hiddenUnits;
  let at = s.vocabSize * s.embeddingDim;
  const lstm: LstmLayout[][] = [];
  for (let l = 0; l < s.layers; l++) {
    const inDim = l === 0 ? s.embeddingDim : F;
    const layer: LstmLayout[] = [];
    for (let d = 0; d < dirs; d++) {
      const L = lstmLayout(inDim, s.hiddenUnits, at);
      layer.push(L);
      at += L.size;
    }
    lstm.push(layer);
  }
  const head = (outDim: number): DenseHead => {
    const h = { inDim: F, outDim, kernel: at, bias: at + F * outDim };
    at += F * outDim + outDim;
    return h;
  };
  const heads: SequenceLayout['heads'] = [head(s.vocabSize), head(1), head(1)];
  return { embedding: 0, lstm, heads, featureDim: F, size: at };
}
