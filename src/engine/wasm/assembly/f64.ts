// AssemblyScript entry of build/f64.wasm: the kernels of kernels.ts with T = f64.
import * as K from './kernels';

/** Where memory free for the JavaScript side's layout starts. */
export function heapBase(): usize {
  return __heap_base;
}
/** Bytes per number: 8 for f64, 4 for f32. */
export function bytesPerNumber(): i32 {
  return sizeof<f64>();
}
export function trainRows(desc: usize, X: usize, Y: usize, order: usize, start: i32, end: i32, batchSize: i32, maxBatches: i32, eta: f64, decay: f64, costs: usize): i32 {
  return K.trainRows<f64>(desc, X, Y, order, start, end, batchSize, maxBatches, eta, decay, costs);
}
export function probeRows(desc: usize, X: usize, Y: usize, order: usize, start: i32, end: i32): f64 {
  return K.probeRows<f64>(desc, X, Y, order, start, end);
}
export function evaluateRows(desc: usize, X: usize, Y: usize, count: i32, correctOut: usize): f64 {
  return K.evaluateRows<f64>(desc, X, Y, count, correctOut);
}
export function predictRows(desc: usize, X: usize, count: i32, out: usize): void {
  K.predictRows<f64>(desc, X, count, out);
}
