#!/usr/bin/env python3
"""The PyTorch peer of Kiln's career BiLSTM throughput bench.

Reads a JSON spec (argv[1]) written by bench/bilstm-peer.ts: the examples Kiln prepared from the
demo career paths (right-padded title ids, lengths, next title, standardized tenure with its mask,
hireability; raw binary files), the model (embedding, BiLSTM, dropout, three heads), loss weights,
batch size, epochs, learning rate, repetitions and thread counts. Trains the same model with the
same multi-task loss (softmax CE + w·masked MSE + w·sigmoid CE) and Adam, on length-bucketed
batches trimmed to their longest prefix (as Kiln's loop makes them), packed so padding is skipped,
with a validation pass after every epoch; prints one JSON object with the samples/s of every
repetition per thread count.
"""
import json
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


class CareerNet(nn.Module):
    def __init__(self, vocab: int, emb: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(dropout)
        self.title = nn.Linear(2 * hidden, vocab)
        self.tenure = nn.Linear(2 * hidden, 1)
        self.hire = nn.Linear(2 * hidden, 1)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor):
        packed = pack_padded_sequence(self.emb(ids), lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        f = self.drop(torch.cat([h[0], h[1]], 1))
        return self.title(f), self.tenure(f).squeeze(1), self.hire(f).squeeze(1)


def buckets(lengths: np.ndarray, batch: int, rng: np.random.Generator, window: int = 20):
    """Kiln's bucketedEpoch: shuffle, sort by length within windows of `window` batches, cut, shuffle the batches."""
    order = rng.permutation(len(lengths))
    span = batch * window
    for s in range(0, len(order), span):
        part = order[s : s + span]
        order[s : s + span] = part[np.argsort(lengths[part], kind="stable")]
    chunks = [order[s : s + batch] for s in range(0, len(order), batch)]
    rng.shuffle(chunks)
    return chunks


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    L = spec["maxLen"]

    def load(prefix: str):
        ids = np.fromfile(spec[prefix + "Ids"], dtype=np.int32).reshape(-1, L)
        return {
            "ids": torch.from_numpy(ids.astype(np.int64)),
            "len": np.fromfile(spec[prefix + "Len"], dtype=np.int32),
            "title": torch.from_numpy(np.fromfile(spec[prefix + "Title"], dtype=np.int32).astype(np.int64)),
            "tenure": torch.from_numpy(np.fromfile(spec[prefix + "Tenure"], dtype=np.float32)),
            "mask": torch.from_numpy(np.fromfile(spec[prefix + "Mask"], dtype=np.float32)),
            "hire": torch.from_numpy(np.fromfile(spec[prefix + "Hire"], dtype=np.float32)),
        }

    tr, va = load("train"), load("val")
    wt, wh = spec["lossWeights"]["tenure"], spec["lossWeights"]["hire"]
    ce, bce = nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()

    def loss_of(model, d, idx):
        idx_t = torch.from_numpy(idx)
        lens = d["len"][idx]
        ids = d["ids"][idx_t, : int(lens.max())]
        logits, ten, hire = model(ids, torch.from_numpy(lens.astype(np.int64)))
        m = d["mask"][idx_t]
        mse = ((ten - d["tenure"][idx_t]) ** 2 * m).sum() / torch.clamp(m.sum(), min=1)
        return ce(logits, d["title"][idx_t]) + wt * mse + wh * bce(hire, d["hire"][idx_t])

    n = len(tr["len"])
    val_order = np.argsort(va["len"], kind="stable")
    out = {"torch": torch.__version__, "threads": {}}
    for threads in spec["threads"]:
        torch.set_num_threads(threads)
        runs = []
        for rep in range(spec["reps"] + 1):
            torch.manual_seed(rep)
            rng = np.random.default_rng(rep)
            model = CareerNet(spec["vocabSize"], spec["embeddingDim"], spec["hiddenUnits"], spec["dropout"])
            opt = torch.optim.Adam(model.parameters(), lr=spec["learningRate"], eps=1e-7)
            t0 = time.perf_counter()
            for _ in range(spec["epochs"]):
                model.train()
                for idx in buckets(tr["len"], spec["batchSize"], rng):
                    opt.zero_grad(set_to_none=True)
                    loss_of(model, tr, idx).backward()
                    opt.step()
                model.eval()
                with torch.no_grad():
                    for s in range(0, len(val_order), 512):
                        float(loss_of(model, va, val_order[s : s + 512]))
            dt = time.perf_counter() - t0
            if rep > 0:  # the first repetition warms up allocators and kernels
                runs.append(n * spec["epochs"] / dt)
        out["threads"][str(threads)] = runs
    print(json.dumps(out))


if __name__ == "__main__":
    main()
