# scikit-learn's HistGradientBoostingRegressor on the bench's large regression (bench/gbdt-bench.ts
# writes the matrix as float32 and the target as float64), with Kiln's settings: prints
# {seconds, peakRssMiB, baseRssMiB, rmse_train, ...}. Peak RSS includes the matrix, as Kiln's does.
import json, resource, sys, time
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingRegressor

x_path, y_path, cfg_json = sys.argv[1:4]
cfg = json.loads(cfg_json)
y = np.fromfile(y_path, dtype=np.float64)
x = np.fromfile(x_path, dtype=np.float32).reshape(len(y), cfg["cols"])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
m = HistGradientBoostingRegressor(
    max_iter=cfg["rounds"], learning_rate=cfg["learningRate"], max_leaf_nodes=cfg["numLeaves"],
    max_depth=cfg["maxDepth"] or None, min_samples_leaf=cfg["minSamplesLeaf"], l2_regularization=cfg["l2"],
    max_bins=cfg["maxBins"], early_stopping=False, random_state=0)
t0 = time.perf_counter()
m.fit(x, y)
seconds = time.perf_counter() - t0
rmse = float(np.sqrt(np.mean((m.predict(x) - y) ** 2)))
print(json.dumps({"peer": "sklearn", "version": sklearn.__version__, "seconds": seconds, "rows": len(y), "rowsPerSecond": len(y) / seconds,
                  "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseRssMiB": base, "rmse_train": rmse}))
