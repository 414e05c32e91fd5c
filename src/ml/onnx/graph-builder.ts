import type { onnx as O } from 'onnx-proto';
import { onnx } from './proto';

/** Element types Kiln's graphs use (TensorProto.DataType values). */
export const FLOAT = 1;
export const INT64 = 7;
export const STRING = 8;
export const BOOL = 9;
export const DOUBLE = 11;
type ElemType = typeof FLOAT | typeof INT64 | typeof STRING | typeof BOOL | typeof DOUBLE;

export type AttrValue = number | string | number[] | string[] | { ints: number[] } | { floats: number[] };

/** A dimension is a fixed size or a symbolic name (a dynamic axis such as "batch"). */
export type Dim = number | string;

function attribute(name: string, v: AttrValue): O.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: T.INT, i: v } : { name, type: T.FLOAT, f: v };
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === 'string') return { name, type: T.STRINGS, strings: (v as string[]).map((s) => new TextEncoder().encode(s)) };
    return { name, type: T.INTS, ints: v as number[] };
  }
  if ('ints' in v) return { name, type: T.INTS, ints: v.ints };
  return { name, type: T.FLOATS, floats: v.floats };
}

function valueInfo(name: string, elemType: ElemType, shape: Dim[]): O.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/**
 * A small builder over the ONNX protobuf: named values, initializers, nodes in order. Names are
 * made unique by a prefix counter so subgraph helpers can be composed without clashes.
 */
export class GraphBuilder {
  private readonly nodes: O.INodeProto[] = [];
  private readonly initializers: O.ITensorProto[] = [];
  private readonly inputs: O.IValueInfoProto[] = [];
  private readonly outputs: O.IValueInfoProto[] = [];
  private counter = 0;
  usesMl = false;

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  input(name: string, elemType: ElemType, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  output(name: string, elemType: ElemType, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  floats(hint: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dataType: FLOAT, dims, floatData: Array.from(values, (v) => Math.fround(v)) });
    return name;
  }

  doubles(hint: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dataType: DOUBLE, dims, doubleData: Array.from(values) });
    return name;
  }

  ints(hint: string, dims: number[], values: number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dataType: INT64, dims, int64Data: values });
    return name;
  }

  /** Adds a node; returns its output names (fresh ones unless given). */
  node(op: string, inputs: string[], opts: { outputs?: string[]; attrs?: Record<string, AttrValue>; domain?: string; count?: number } = {}): string[] {
    const outputs = opts.outputs ?? Array.from({ length: opts.count ?? 1 }, () => this.fresh(op.toLowerCase()));
    if (opts.domain === 'ai.onnx.ml') this.usesMl = true;
    this.nodes.push({
      opType: op,
      input: inputs,
      output: outputs,
      name: this.fresh(`n_${op}`),
      domain: opts.domain ?? '',
      attribute: Object.entries(opts.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** One-output shorthand. */
  op(op: string, inputs: string[], attrs?: Record<string, AttrValue>, domain?: string): string {
    return this.node(op, inputs, { attrs, domain })[0];
  }

  build(meta: { name: string; docString: string; producerVersion: string; metadata: Record<string, string> }): Uint8Array {
    const opsets = [{ domain: '', version: 17 }, ...(this.usesMl ? [{ domain: 'ai.onnx.ml', version: 3 }] : [])];
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: opsets,
      producerName: 'kiln',
      producerVersion: meta.producerVersion,
      docString: meta.docString,
      metadataProps: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
      graph: { name: meta.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs, docString: meta.docString },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
