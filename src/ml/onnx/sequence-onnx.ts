import type { CalibratorJson } from '../calibration/calibrator';
import type { SavedSequenceModel } from '../models/sequence/saved-model';
import type { AbbreviationMap } from '../models/sequence/titles';
import { FLOAT, GraphBuilder, INT64 } from './graph-builder';

export interface SequenceExport {
  model: SavedSequenceModel;
  vocab: string[];
  abbreviations: AbbreviationMap;
  calibrator?: CalibratorJson | null;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

type W = SavedSequenceModel['weights'][number];

/** TF.js packs LSTM gates as i,f,c,o along the last axis; ONNX wants i,o,f,c along the first. */
const ONNX_GATE_FROM_TFJS = [0, 3, 1, 2];

/** [in, 4H] (TF.js kernel) → [4H, in] in ONNX gate order. */
function onnxGateMatrix(w: W, hidden: number): Float32Array {
  const [rows, cols] = w.shape;
  if (cols !== 4 * hidden) throw new Error(`LSTM weight ${w.name} has ${cols} columns, expected ${4 * hidden}`);
  const out = new Float32Array(rows * cols);
  for (let g = 0; g < 4; g++) {
    const src = ONNX_GATE_FROM_TFJS[g] * hidden;
    for (let u = 0; u < hidden; u++) for (let r = 0; r < rows; r++) out[(g * hidden + u) * rows + r] = w.data[r * cols + src + u];
  }
  return out;
}

/** TF.js bias [4H] → ONNX B [8H]: input bias in ONNX gate order, then a zero recurrent bias. */
function onnxBias(b: W, hidden: number): Float32Array {
  const out = new Float32Array(8 * hidden);
  for (let g = 0; g < 4; g++) out.set(b.data.subarray(ONNX_GATE_FROM_TFJS[g] * hidden, (ONNX_GATE_FROM_TFJS[g] + 1) * hidden), g * hidden);
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The career model as ONNX (opset 17): `title_ids` int64 [batch, seq] (right-padded with 0, ids
 * from vocab.json) → `next_title_logits` [batch, vocab], `tenure_months` [batch], `hireability`
 * [batch] (a probability). The recurrent layers are ONNX LSTM ops, time-major, with
 * `sequence_lens` counted from the non-zero ids so padding never reaches the state.
 */
export function sequenceToOnnx(e: SequenceExport): Uint8Array {
  const { spec, weights } = e.model;
  const c = spec.config;
  const H = c.hiddenUnits;
  const dirs = c.bidirectional ? 2 : 1;
  const expected = 1 + c.layers * 3 * dirs + 6;
  if (weights.length !== expected) throw new Error(`expected ${expected} weight tensors for this configuration, found ${weights.length}`);
  if (e.vocab.length !== spec.vocabSize) throw new Error(`the vocabulary has ${e.vocab.length} entries but the model ${spec.vocabSize}`);
  const g = new GraphBuilder();
  const ids = g.input('title_ids', INT64, ['batch', 'seq']);
  const zero = g.ints('zero', [], [0]);
  const one = g.ints('one', [1], [1]);
  // lengths = number of non-padding ids, at least 1 (an empty history runs one padding step)
  const present = g.op('Cast', [g.op('Greater', [ids, zero])], { to: INT64 });
  const lens64 = g.op('Max', [g.op('ReduceSum', [present, one], { keepdims: 0 }), g.ints('min_len', [], [1])]);
  const lens = g.op('Cast', [lens64], { to: 6 /* INT32, as LSTM's sequence_lens requires */ });
  const emb = weights[0];
  let x = g.op('Transpose', [g.op('Gather', [g.floats('embeddings', emb.shape, emb.data), ids], { axis: 0 })], { perm: [1, 0, 2] });
  let inDim = emb.shape[1];
  let at = 1;
  let last = '';
  for (let l = 0; l < c.layers; l++) {
    const ws: Float32Array[] = [];
    const rs: Float32Array[] = [];
    const bs: Float32Array[] = [];
    for (let d = 0; d < dirs; d++) {
      const [k, r, b] = weights.slice(at, at + 3);
      at += 3;
      if (k.shape[0] !== inDim) throw new Error(`LSTM layer ${l} expects input size ${inDim}, its kernel has ${k.shape[0]}`);
      ws.push(onnxGateMatrix(k, H));
      rs.push(onnxGateMatrix(r, H));
      bs.push(onnxBias(b, H));
    }
    const [y, yh] = g.node('LSTM', [x, g.floats(`W${l}`, [dirs, 4 * H, inDim], concat(ws)), g.floats(`R${l}`, [dirs, 4 * H, H], concat(rs)), g.floats(`B${l}`, [dirs, 8 * H], concat(bs)), lens], {
      count: 2,
      attrs: { hidden_size: H, direction: dirs === 2 ? 'bidirectional' : 'forward' },
    });
    if (l < c.layers - 1) {
      // Y [T, dirs, B, H] → [T, B, dirs·H]: forward then backward, as TF.js concatenates them
      x = g.op('Reshape', [g.op('Transpose', [y], { perm: [0, 2, 1, 3] }), g.ints('shape_tbh', [3], [0, 0, -1])]);
      inDim = dirs * H;
    } else {
      last = g.op('Reshape', [g.op('Transpose', [yh], { perm: [1, 0, 2] }), g.ints('shape_bh', [2], [0, -1])]);
    }
  }
  const dense = (hint: string) => {
    const [k, b] = weights.slice(at, at + 2);
    at += 2;
    return g.op('Add', [g.op('MatMul', [last, g.floats(`${hint}_W`, k.shape, k.data)]), g.floats(`${hint}_b`, b.shape, b.data)]);
  };
  const flat = g.ints('shape_flat', [1], [-1]);
  g.node('Identity', [dense('next_title')], { outputs: ['next_title_logits'] });
  const tenureZ = g.op('Reshape', [dense('tenure'), flat]);
  g.node('Add', [g.op('Mul', [tenureZ, g.floats('tenure_std', [], [spec.tenureStd])]), g.floats('tenure_mean', [], [spec.tenureMean])], { outputs: ['tenure_months'] });
  g.node('Sigmoid', [g.op('Reshape', [dense('hire'), flat])], { outputs: ['hireability'] });
  g.output('next_title_logits', FLOAT, ['batch', spec.vocabSize]);
  g.output('tenure_months', FLOAT, ['batch']);
  g.output('hireability', FLOAT, ['batch']);
  return g.build({
    name: 'kiln_career_sequence',
    docString: `Kiln career model: ${c.layers} ${c.bidirectional ? 'bidirectional ' : ''}LSTM layer(s), hidden ${H}. Input "title_ids" int64 [batch, seq]: normalized titles mapped through vocab.json (0 = padding, 1 = unknown), oldest first, right-padded with 0.`,
    producerVersion: e.kilnVersion,
    metadata: {
      kiln_version: e.kilnVersion,
      model_id: e.modelId,
      created_at: e.createdAt,
      task: 'career-sequence',
      vocab: JSON.stringify(e.vocab),
      abbreviations: JSON.stringify(e.abbreviations),
      tenure_units: 'months',
      ...(e.calibrator ? { calibrator: JSON.stringify(e.calibrator) } : {}),
    },
  });
}
