import { gauss, rng } from './rng';

/** Width of a MiniLM-style sentence-transformer embedding. */
export const EMBEDDING_DIM = 384;

/**
 * Stand-in for a sentence-transformer embedding of each essay. Real ones are anisotropic (a
 * large shared component, so every cosine is positive), dominated by topic (the prompt), and
 * carry quality and style only faintly, under a lot of essay-specific variation. So the vector is
 * a shared component + the prompt's topic (weaker when the essay drifts off topic) + a quality
 * direction (partly shared, partly prompt-specific) + style directions + the writer's own
 * habits + noise. Nearest neighbours then share a grade more often than chance, but far from
 * always.
 */
type Vec = Float64Array;

function unitVector(r: () => number): Vec {
  const v = Float64Array.from({ length: EMBEDDING_DIM }, () => gauss(r));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
};

export interface EmbeddingInput {
  prompt: number;
  student: number;
  /** what the encoder picks up of quality: mostly overall quality, some vocabulary */
  quality: number;
  lexical: number;
  /** how squarely the essay addresses its prompt (argument skill drives it) */
  onTopic: number;
  formality: number;
  verbosity: number;
}

export interface EssayEmbedder {
  /** unit-norm vector rounded to 4 decimals, and its cosine with the prompt text's embedding */
  embed(e: EmbeddingInput): { vector: number[]; promptSimilarity: number };
}

const NOISE_SD = 0.06; // per dimension: a noise norm of ~1.2 against ~1.4 of structure

export function essayEmbedder(seed: number, prompts: number, students: number): EssayEmbedder {
  const r = rng(seed);
  const common = unitVector(r);
  const topics = Array.from({ length: prompts }, () => unitVector(r));
  const qualityShared = unitVector(r);
  const qualityByPrompt = Array.from({ length: prompts }, () => unitVector(r));
  const formality = unitVector(r);
  const verbosity = unitVector(r);
  const writers = Array.from({ length: students }, () => unitVector(r));
  // the prompt's own text embeds near its topic, and shares the anisotropic component
  const promptText = topics.map((t) => common.map((c, i) => 0.9 * c + 0.8 * t[i] + 0.02 * gauss(r)));

  return {
    embed(e) {
      const topic = topics[e.prompt];
      const qp = qualityByPrompt[e.prompt];
      const writer = writers[e.student];
      const qs = 0.22 * (0.8 * e.quality + 0.3 * e.lexical);
      const v = new Float64Array(EMBEDDING_DIM);
      for (let i = 0; i < EMBEDDING_DIM; i++) {
        v[i] =
          0.9 * common[i] +
          e.onTopic * topic[i] +
          qs * (0.75 * qualityShared[i] + 0.66 * qp[i]) +
          0.15 * e.formality * formality[i] +
          0.12 * e.verbosity * verbosity[i] +
          0.25 * writer[i] +
          NOISE_SD * gauss(r);
      }
      const n = Math.hypot(...v);
      const vector = Array.from(v, (x) => Math.round((x / n) * 1e4) / 1e4 || 0); // `|| 0`: no -0 in JSON
      return { vector, promptSimilarity: cosine(vector, promptText[e.prompt]) };
    },
  };
}
