#!/usr/bin/env python3
"""The PyTorch peer of Kiln's MLP throughput bench.

Reads a JSON spec (argv[1]) written by bench/run-bench.mjs: the training and validation matrices
Kiln prepared (raw float32 files), the target layout, the hidden widths, batch size, epochs,
learning rate, repetitions and thread counts. Trains the same MLP (dense + ReLU, raw logits, the
loss Kiln uses for the task: sigmoid or softmax cross-entropy) with Adam, shuffled batches and a
validation pass after every epoch, as Kiln's loop does; prints one JSON object with the
samples/s of every repetition per thread count.
"""
import json
import sys
import time

import numpy as np
import torch


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    d, w = spec["inputDim"], spec["targetWidth"]
    x = torch.from_numpy(np.fromfile(spec["xTrain"], dtype=np.float32).reshape(-1, d))
    y = torch.from_numpy(np.fromfile(spec["yTrain"], dtype=np.float32).reshape(-1, w))
    xv = torch.from_numpy(np.fromfile(spec["xVal"], dtype=np.float32).reshape(-1, d))
    yv = torch.from_numpy(np.fromfile(spec["yVal"], dtype=np.float32).reshape(-1, w))
    n = x.shape[0]
    multiclass = spec["kind"] == "multiclass"
    yc = y.argmax(1) if multiclass else y
    yvc = yv.argmax(1) if multiclass else yv
    loss_fn = torch.nn.CrossEntropyLoss() if multiclass else torch.nn.BCEWithLogitsLoss()
    out = {"torch": torch.__version__, "threads": {}}
    for threads in spec["threads"]:
        torch.set_num_threads(threads)
        runs = []
        for rep in range(spec["reps"] + 1):
            torch.manual_seed(rep)
            layers, width = [], d
            for h in spec["hidden"]:
                layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
                width = h
            layers.append(torch.nn.Linear(width, w))
            model = torch.nn.Sequential(*layers)
            opt = torch.optim.Adam(model.parameters(), lr=spec["learningRate"], eps=1e-7)
            b = spec["batchSize"]
            t0 = time.perf_counter()
            for _ in range(spec["epochs"]):
                perm = torch.randperm(n)
                model.train()
                for s in range(0, n, b):
                    idx = perm[s : s + b]
                    opt.zero_grad(set_to_none=True)
                    loss = loss_fn(model(x[idx]), yc[idx])
                    loss.backward()
                    opt.step()
                model.eval()
                with torch.no_grad():
                    float(loss_fn(model(xv), yvc))
            dt = time.perf_counter() - t0
            if rep > 0:  # the first repetition warms up allocators and kernels
                runs.append(n * spec["epochs"] / dt)
        out["threads"][str(threads)] = runs
    print(json.dumps(out))


if __name__ == "__main__":
    main()
