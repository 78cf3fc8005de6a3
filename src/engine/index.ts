// The engine's public API: everything widgets, code cells, exercise checkers, tests and
// benchmarks use. See README.md in this folder for the conventions.
export * from './matrix';
export * from './rng';
export * from './activations';
export * from './costs';
export * from './network';
export * from './feedforward';
export * from './backprop';
export * from './optimize';
export * from './train';
export * from './sgd';
export * from './gradcheck';
export * from './model';
export * from './neuron';
export * from './batched';
export * from './saturation';
export * from './costcurve';
export * from './momentum';
export * from './kron';
export * from './modified';
export * from './paths';
export * from './autodiff';
export * from './regularisers';
export * from './regularised-training';
export * from './expand';
export * from './fast';
export * from './vanishing';
