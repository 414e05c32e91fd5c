/**
 * The stand-alone tokenizers shipped next to model.onnx and vocab.json. An ONNX graph cannot
 * lowercase or split Unicode text portably, so a service runs one of these first; both must give
 * exactly the ids encodeTokenIds gives (matcher-service-tokenizer.test.ts runs them). They are
 * kept as source text so the export bundle can write them out unchanged.
 */

export const MATCHER_TOKENIZER_FILES = { mjs: 'matcher-tokenizer.mjs', py: 'matcher_tokenizer.py' } as const;

// String.raw keeps the backslashes of the regular expressions; the sources hold no backtick or ${.
export const MATCHER_TOKENIZER_MJS = String.raw`/**
 * Kiln matcher tokenizer for vocab.json ("kiln.matcher-vocab", version 1): turns each section's
 * text into the int64 token ids model.onnx takes. Plain ES module, no dependencies; Node >= 18
 * and current browsers.
 *
 * Normalization (the studio's, which is scikit-learn's TfidfVectorizer analyzer):
 *  1. lowercase, when vocab.tokenizer.lowercase;
 *  2. tokens = runs of two or more word characters. scikit-learn's pattern (?u)\b\w\w+\b uses
 *     Python's Unicode \w (letters, digits, "_"); JavaScript's \w and \b are ASCII-only even with
 *     the u flag, so the same tokens are found with /[\p{L}\p{N}_]{2,}/gu;
 *  3. stop words (vocab.tokenizer.stop_words) removed BEFORE n-grams; the graph forms the n-grams;
 *  4. token -> its index in the section's tokens + 1; unknown words -> 0, which also breaks n-grams;
 *  5. a batch is padded with 0 to its longest text (at least one column).
 *
 * Usage (onnxruntime-web is the same, with fetch() for the two files):
 *   import { readFileSync } from 'node:fs';
 *   import * as ort from 'onnxruntime-node';
 *   import { MatcherTokenizer } from './matcher-tokenizer.mjs';
 *   const tok = new MatcherTokenizer(JSON.parse(readFileSync('vocab.json', 'utf8')));
 *   const session = await ort.InferenceSession.create('model.onnx');
 *   // one entry per pair, section texts in vocab.sections order
 *   const pairs = [{ candidate: ['python, sql', 'data analyst at Acme', 'BSc Statistics'], job: ['SQL', 'analyst, 3+ years', 'BSc'] }];
 *   const feeds = {};
 *   for (const [name, t] of Object.entries(tok.batch(pairs))) feeds[name] = new ort.Tensor('int64', t.data, t.dims);
 *   const { similarities, score, probability } = await session.run(feeds);
 */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export class MatcherTokenizer {
  constructor(vocab) {
    if (vocab.format !== 'kiln.matcher-vocab' || vocab.version !== 1) throw new Error('not a Kiln matcher vocab.json (version 1)');
    this.lowercase = vocab.tokenizer.lowercase;
    this.stopWords = new Set(vocab.tokenizer.stop_words ?? []);
    this.sections = vocab.sections.map((s) => ({ ...s, ids: new Map(s.tokens.map((t, i) => [t, i + 1])) }));
  }

  /** The tokens of one text, stop words removed. */
  tokens(text) {
    const found = (this.lowercase ? text.toLowerCase() : text).match(TOKEN) ?? [];
    return found.filter((w) => !this.stopWords.has(w));
  }

  /** Token ids of one text of section number k (its index in vocab.sections). */
  encode(k, text) {
    const ids = this.sections[k].ids;
    return this.tokens(text ?? '').map((w) => ids.get(w) ?? 0);
  }

  /** { [input name]: { data: BigInt64Array, dims: [pairs, length] } }, ready for ort.Tensor('int64', ...). */
  batch(pairs) {
    const feeds = {};
    this.sections.forEach((s, k) => {
      for (const [side, name] of [['candidate', s.candidate_input], ['job', s.job_input]]) {
        const rows = pairs.map((p) => this.encode(k, p[side][k]));
        const len = rows.reduce((n, r) => Math.max(n, r.length), 1);
        const data = new BigInt64Array(pairs.length * len);
        rows.forEach((r, i) => r.forEach((id, j) => (data[i * len + j] = BigInt(id))));
        feeds[name] = { data, dims: [pairs.length, len] };
      }
    });
    return feeds;
  }
}
`;

export const MATCHER_TOKENIZER_PY = String.raw`"""Kiln matcher tokenizer for vocab.json ("kiln.matcher-vocab", version 1).

Turns each section's text into the int64 token ids model.onnx takes. Python 3, standard
library only.

Normalization (the studio's, which is scikit-learn's TfidfVectorizer analyzer):
 1. lowercase, when vocab["tokenizer"]["lowercase"];
 2. tokens by vocab["tokenizer"]["token_pattern"], (?u)\b\w\w+\b: scikit-learn's own pattern, runs
    of two or more Unicode word characters (letters, digits, "_"). (The JavaScript tokenizer spells
    it [\p{L}\p{N}_]{2,}, since JavaScript's \w is ASCII-only; characters newer than this Python's
    Unicode database are the only place the two can disagree.)
 3. stop words (vocab["tokenizer"]["stop_words"]) removed BEFORE n-grams; the graph forms n-grams;
 4. token -> its index in the section's tokens + 1; unknown words -> 0, which also breaks n-grams;
 5. a batch is padded with 0 to its longest text (at least one column).

Usage with onnxruntime and numpy:
    import json
    import numpy as np
    import onnxruntime as ort
    from matcher_tokenizer import MatcherTokenizer

    with open("vocab.json", encoding="utf-8") as f:
        tok = MatcherTokenizer(json.load(f))
    session = ort.InferenceSession("model.onnx")
    # one entry per pair, section texts in vocab["sections"] order
    pairs = [{"candidate": ["python, sql", "data analyst at Acme", "BSc Statistics"],
              "job": ["SQL", "analyst, 3+ years", "BSc"]}]
    feeds = {name: np.array(rows, dtype=np.int64) for name, rows in tok.batch(pairs).items()}
    similarities, score, probability = session.run(None, feeds)
"""
import re


class MatcherTokenizer:
    def __init__(self, vocab):
        if vocab.get("format") != "kiln.matcher-vocab" or vocab.get("version") != 1:
            raise ValueError("not a Kiln matcher vocab.json (version 1)")
        t = vocab["tokenizer"]
        self.lowercase = t["lowercase"]
        self.pattern = re.compile(t["token_pattern"])
        self.stop_words = frozenset(t["stop_words"] or ())
        self.sections = vocab["sections"]
        self.ids = [{w: i + 1 for i, w in enumerate(s["tokens"])} for s in self.sections]

    def tokens(self, text):
        """The tokens of one text, stop words removed."""
        if self.lowercase:
            text = text.lower()
        return [w for w in self.pattern.findall(text) if w not in self.stop_words]

    def encode(self, k, text):
        """Token ids of one text of section number k (its index in vocab["sections"])."""
        ids = self.ids[k]
        return [ids.get(w, 0) for w in self.tokens(text or "")]

    def batch(self, pairs):
        """{input name: rows of ids, 0-padded to one length}, ready for np.array(..., dtype=np.int64)."""
        feeds = {}
        for k, s in enumerate(self.sections):
            for side, name in (("candidate", s["candidate_input"]), ("job", s["job_input"])):
                rows = [self.encode(k, p[side][k]) for p in pairs]
                n = max([1] + [len(r) for r in rows])
                feeds[name] = [r + [0] * (n - len(r)) for r in rows]
        return feeds
`;
