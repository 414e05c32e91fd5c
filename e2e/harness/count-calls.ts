/** What a run may make only while it is set up. */
const COUNTED = ['createBuffer', 'createBindGroup', 'createComputePipeline', 'createBindGroupLayout', 'createShaderModule', 'createPipelineLayout'] as const;

/**
 * Wraps a device's resource-making methods with counters (calls so far, live): the memory test
 * takes a copy after the first step and compares it with the end of the run.
 */
export function countCalls(device: GPUDevice): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(COUNTED.map((k) => [k, 0]));
  const target = device as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of COUNTED) {
    const original = target[name].bind(device);
    target[name] = (...args: unknown[]) => {
      counts[name]++;
      return original(...args);
    };
  }
  return counts;
}
