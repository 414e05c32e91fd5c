#!/usr/bin/env python3
"""The peer for Kiln's TF-IDF fit: scikit-learn's TfidfVectorizer with the same settings.
Reads documents (one per line) from argv[1]; prints {"seconds", "terms"} as JSON."""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer

docs = open(sys.argv[1], encoding="utf8").read().split("\n")
t0 = time.perf_counter()
v = TfidfVectorizer(ngram_range=(1, 2), stop_words="english").fit(docs)
print(json.dumps({"seconds": time.perf_counter() - t0, "terms": len(v.vocabulary_)}))
