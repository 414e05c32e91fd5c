/** The MLP workloads (issue 20): a small MLP at batch 32 and a 256-wide one at batch 256. */
export const TABULAR_WORKLOADS = [
  { name: 'mlp-64x32-b32', csv: 'breast_cancer.csv', target: 'diagnosis', kind: 'binary', hiddenUnits: [64, 32], batchSize: 32 },
  { name: 'mlp-256x256-b256', csv: 'digits.csv', target: 'digit', kind: 'multiclass', hiddenUnits: [256, 256], batchSize: 256 },
] as const;
export type Workload = (typeof TABULAR_WORKLOADS)[number];
