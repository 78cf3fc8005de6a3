// Gunzip with the platform's DecompressionStream (browsers, workers and Node ≥ 18): the full MNIST
// set is served gzip-compressed. Imported lazily by loadMnist (src/data/mnist.ts).
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot decompress the digits file (no DecompressionStream)');
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
