#!/usr/bin/env python3
"""The PyTorch peer of Kiln's ranker throughput bench.

Reads a JSON spec (argv[1]) written by bench/ranker-peer.ts: the normalized item features of the
pool and the training / held-out pairs Kiln trains on (raw binary files), the scorer (Linear →
ReLU → Dropout per hidden layer → Linear), margin, weight decay, batch size, epochs, learning rate,
repetitions and thread counts. Trains the same shared scorer on the same margin-ranking + tie loss
with Adam, shuffled batches of pairs, scoring the whole pool after every epoch for validation (as
Kiln's loop does); prints one JSON object with the training pairs/s of every repetition per
thread count.
"""
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    dim = spec["dim"]
    x = torch.from_numpy(np.fromfile(spec["x"], dtype=np.float32).reshape(-1, dim))
    a = torch.from_numpy(np.fromfile(spec["a"], dtype=np.int32).astype(np.int64))
    b = torch.from_numpy(np.fromfile(spec["b"], dtype=np.int32).astype(np.int64))
    y = torch.from_numpy(np.fromfile(spec["y"], dtype=np.float32))
    train = torch.from_numpy(np.fromfile(spec["train"], dtype=np.int32).astype(np.int64))
    val = torch.from_numpy(np.fromfile(spec["val"], dtype=np.int32).astype(np.int64))
    m = spec["margin"]

    def pair_loss(s: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        d = s[a[idx]] - s[b[idx]]
        yi = y[idx]
        decisive = yi.abs()
        return (decisive * torch.relu(m - yi * d) + (1 - decisive) * torch.relu(d.abs() - m)).mean()

    out = {"torch": torch.__version__, "threads": {}}
    n = len(train)
    for threads in spec["threads"]:
        torch.set_num_threads(threads)
        runs = []
        for rep in range(spec["reps"] + 1):
            torch.manual_seed(rep)
            layers, width = [], dim
            for _ in range(spec["hiddenLayers"]):
                layers += [nn.Linear(width, spec["hiddenUnits"]), nn.ReLU(), nn.Dropout(spec["dropout"])]
                width = spec["hiddenUnits"]
            layers.append(nn.Linear(width, 1))
            scorer = nn.Sequential(*layers)
            opt = torch.optim.Adam(scorer.parameters(), lr=spec["learningRate"], eps=1e-7, weight_decay=spec["weightDecay"])
            bs = spec["batchSize"]
            t0 = time.perf_counter()
            for _ in range(spec["epochs"]):
                scorer.train()
                perm = train[torch.randperm(n)]
                for s in range(0, n, bs):
                    idx = perm[s : s + bs]
                    opt.zero_grad(set_to_none=True)
                    k = len(idx)
                    scores = scorer(torch.cat([x[a[idx]], x[b[idx]]])).squeeze(1)
                    d = scores[:k] - scores[k:]
                    yi = y[idx]
                    decisive = yi.abs()
                    loss = (decisive * torch.relu(m - yi * d) + (1 - decisive) * torch.relu(d.abs() - m)).mean()
                    loss.backward()
                    opt.step()
                scorer.eval()
                with torch.no_grad():
                    float(pair_loss(scorer(x).squeeze(1), val))
            dt = time.perf_counter() - t0
            if rep > 0:  # the first repetition warms up allocators and kernels
                runs.append(n * spec["epochs"] / dt)
        out["threads"][str(threads)] = runs
    print(json.dumps(out))


if __name__ == "__main__":
    main()
