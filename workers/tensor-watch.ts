/** Warns when the tensor count grows past epoch 1's: a leak that would end a long session. */
export function tensorWatch(): (numTensors: number) => string | undefined {
  let first: number | null = null;
  return (n) => {
    first ??= n;
    return n > first ? `tensor count grew from ${first} after epoch 1 to ${n}: GPU memory is leaking` : undefined;
  };
}
