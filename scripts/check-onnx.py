#!/usr/bin/env python3
"""Runs the official ONNX checker (full_check=True: structure, types and shape inference) on each file.

Usage: check-onnx.py FILE.onnx [...]   Exit 0 when every model passes; 1 otherwise, one line per failure.
Needs Python's onnx package (Debian: python3-onnx).
"""
import sys

try:
    import onnx
except ImportError:
    print("check-onnx: Python's onnx package is missing (Debian: apt-get install python3-onnx)", file=sys.stderr)
    sys.exit(2)

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        opsets = ", ".join("%s:%d" % (o.domain or "ai.onnx", o.version) for o in model.opset_import)
        print(f"ok   {path} (ir {model.ir_version}, opsets {opsets})")
    except Exception as e:  # the checker raises several exception types; every one is a failure
        failed += 1
        print(f"FAIL {path}: {e}", file=sys.stderr)
sys.exit(1 if failed else 0)
