// onnx-proto: the official onnx.proto (IR version 8) compiled by protobufjs, published as a
// package; it is CommonJS, so the namespace is taken from its default export.
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
