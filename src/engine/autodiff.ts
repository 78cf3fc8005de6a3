// Backpropagation as reverse-mode automatic differentiation (chapter 4), on scalars.
// A Value holds a number (data), the derivative of the final output with respect to it (grad),
// the Values it was computed from (parents) and the local derivative of it with respect to each
// parent (local[i] = ∂this/∂parents[i], computed in the forward pass). `backward(root)` orders the
// graph so that every node comes after the nodes it was computed from, sets root.grad = 1 and,
// from the root down, adds local[i] · node.grad to each parent's grad: the chain rule, one edge at a
// time, with every path's contribution summed where paths meet.
import { sigmoidScalar } from './activations';
import type { Gradients } from './backprop';
import { Matrix, type VecLike } from './matrix';
import type { Network } from './network';

export class Value {
  data: number;
  /** ∂(root)/∂(this) after `backward(root)`; 0 before. */
  grad = 0;
  readonly parents: readonly Value[];
  /** local[i] = ∂this/∂parents[i] at the current data. */
  readonly local: readonly number[];
  /** The operation that made this Value ('' for a leaf: an input or a parameter). */
  readonly op: string;
  label: string;

  constructor(data: number, parents: readonly Value[] = [], local: readonly number[] = [], op = '', label = '') {
    if (parents.length !== local.length) throw new RangeError('a Value needs one local derivative per parent');
    this.data = data;
    this.parents = parents;
    this.local = local;
    this.op = op;
    this.label = label;
  }

  /** this + other: ∂/∂this = 1, ∂/∂other = 1. */
  add(other: Value | number): Value {
    const o = lift(other);
    return new Value(this.data + o.data, [this, o], [1, 1], '+');
  }

  /** this − other: ∂/∂this = 1, ∂/∂other = −1. */
  sub(other: Value | number): Value {
    const o = lift(other);
    return new Value(this.data - o.data, [this, o], [1, -1], '−');
  }

  /** this · other: ∂/∂this = other, ∂/∂other = this. */
  mul(other: Value | number): Value {
    const o = lift(other);
    return new Value(this.data * o.data, [this, o], [o.data, this.data], '×');
  }

  /** this / other: ∂/∂this = 1/other, ∂/∂other = −this/other². */
  div(other: Value | number): Value {
    const o = lift(other);
    return new Value(this.data / o.data, [this, o], [1 / o.data, -this.data / (o.data * o.data)], '÷');
  }

  /** −this. */
  neg(): Value {
    return new Value(-this.data, [this], [-1], 'neg');
  }

  /** this^p for a constant p: ∂/∂this = p · this^{p−1}. */
  pow(p: number): Value {
    return new Value(this.data ** p, [this], [p * this.data ** (p - 1)], `^${p}`);
  }

  /** e^this: ∂/∂this = e^this. */
  exp(): Value {
    const e = Math.exp(this.data);
    return new Value(e, [this], [e], 'exp');
  }

  /** ln this: ∂/∂this = 1/this. */
  log(): Value {
    return new Value(Math.log(this.data), [this], [1 / this.data], 'ln');
  }

  /** σ(this): ∂/∂this = σ(1 − σ). */
  sigmoid(): Value {
    const s = sigmoidScalar(this.data);
    return new Value(s, [this], [s * (1 - s)], 'σ');
  }

  /** tanh this: ∂/∂this = 1 − tanh². */
  tanh(): Value {
    const t = Math.tanh(this.data);
    return new Value(t, [this], [1 - t * t], 'tanh');
  }

  /** max(0, this): ∂/∂this = 1 for this > 0, else 0 (the engine's relu takes 0 at 0). */
  relu(): Value {
    return new Value(this.data > 0 ? this.data : 0, [this], [this.data > 0 ? 1 : 0], 'relu');
  }
}

function lift(v: Value | number): Value {
  return v instanceof Value ? v : new Value(v, [], [], '', String(v));
}

/** A leaf: an input or a parameter. */
export function leaf(data: number, label = ''): Value {
  return new Value(data, [], [], '', label);
}

/** Σ of the values, as a chain of + nodes (a single value is returned as it is). */
export function sumValues(values: readonly Value[]): Value {
  if (values.length === 0) throw new RangeError('sumValues needs at least one value');
  let s = values[0];
  for (let i = 1; i < values.length; i++) s = s.add(values[i]);
  return s;
}

/** Every node the root depends on, each after all of its parents (a topological order). */
export function topoOrder(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  // Iterative depth-first search (a deep graph must not overflow the call stack).
  const stack: { v: Value; next: number }[] = [{ v: root, next: 0 }];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.v.parents.length) {
      const p = top.v.parents[top.next++];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push({ v: p, next: 0 });
      }
    } else {
      order.push(top.v);
      stack.pop();
    }
  }
  return order;
}

/**
 * The reverse sweep: zero every grad, set root.grad = 1, then for each node from the root down
 * (reverse topological order) add local[i] · node.grad to parents[i].grad. Returns the order used.
 */
export function backward(root: Value): Value[] {
  const order = topoOrder(root);
  for (const v of order) v.grad = 0;
  root.grad = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    for (let p = 0; p < v.parents.length; p++) v.parents[p].grad += v.local[p] * v.grad;
  }
  return order;
}

/** The backward pass one node at a time: what `backward` does, with the grads after every step. */
export interface BackwardTrace {
  /** The nodes in topological order (parents first, the root last). */
  order: Value[];
  /** steps[s] = the node whose grad is passed to its parents at step s + 1 (order read from the root down). */
  steps: Value[];
  /** grads[s][i]: the grad of order[i] after s steps (s = 0: the root's grad is 1, every other 0). */
  grads: number[][];
}

/** Run the backward pass under root step by step and record every grad after each step (small graphs). */
export function backwardTrace(root: Value): BackwardTrace {
  const order = topoOrder(root);
  const index = new Map(order.map((v, i) => [v, i]));
  const grads = new Array<number>(order.length).fill(0);
  grads[order.length - 1] = 1;
  const snapshots = [grads.slice()];
  const steps: Value[] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    if (v.parents.length === 0) continue; // a leaf passes nothing on
    for (let p = 0; p < v.parents.length; p++) grads[index.get(v.parents[p])!] += v.local[p] * grads[i];
    steps.push(v);
    snapshots.push(grads.slice());
  }
  return { order, steps, grads: snapshots };
}

/** A network's cost for one example as a graph of Values, with handles on its parameters. */
export interface CostGraph {
  cost: Value;
  /** weights[i][j][k]: the leaf for the text's w^{i+1}_{jk}. */
  weights: Value[][][];
  /** biases[i][j]: the leaf for b^{i+1}_j. */
  biases: Value[][];
  /** zs[i][j]: z^{i+1}_j; as[0] are the input leaves, as[i][j] = a^i_j. */
  zs: Value[][];
  as: Value[][];
}

function activate(name: string, z: Value[]): Value[] {
  switch (name) {
    case 'sigmoid':
      return z.map((v) => v.sigmoid());
    case 'tanh':
      return z.map((v) => v.tanh());
    case 'relu':
      return z.map((v) => v.relu());
    case 'linear':
      return z;
    case 'softmax': {
      // e^{z_j − max z} / S with S = Σ_k e^{z_k − max z}: the shift is a constant, so it changes no derivative.
      const max = Math.max(...z.map((v) => v.data));
      const e = z.map((v) => v.sub(max).exp());
      const S = sumValues(e);
      return e.map((v) => v.div(S));
    }
    default:
      throw new Error(`costGraph knows the activations sigmoid, tanh, relu, linear and softmax (got "${name}")`);
  }
}

function costOf(name: string, a: Value[], y: Float64Array | number[]): Value {
  switch (name) {
    case 'quadratic':
      // ½ Σ_j (a_j − y_j)²
      return sumValues(a.map((v, j) => v.sub(leaf(y[j], `y${j + 1}`)).pow(2))).mul(0.5);
    case 'cross-entropy':
      // −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], a term with a zero coefficient left out (0 · ln 0 = 0).
      return sumValues(
        a.flatMap((v, j) => {
          const terms: Value[] = [];
          if (y[j] !== 0) terms.push(v.log().mul(y[j]));
          if (y[j] !== 1) terms.push(leaf(1).sub(v).log().mul(1 - y[j]));
          return terms;
        }),
      ).neg();
    case 'log-likelihood': {
      const terms = a.flatMap((v, j) => (y[j] === 0 ? [] : [v.log().mul(y[j])]));
      return terms.length === 0 ? leaf(0) : sumValues(terms).neg();
    }
    default:
      throw new Error(`costGraph knows the costs quadratic, cross-entropy and log-likelihood (got "${name}")`);
  }
}

/**
 * Build C_x(w, b) for one example as a graph of Values: z^l_j = Σ_k w^l_jk a^{l−1}_k + b^l_j (a ×
 * node per weight, then + nodes), a^l = σ(z^l), then the cost. Only the engine's named activations
 * and costs can be built (a reader's own has no graph form).
 */
export function costGraph(net: Network, x: VecLike, y: VecLike): CostGraph {
  if (x.length !== net.sizes[0]) throw new RangeError(`input has ${x.length} entries; the network expects ${net.sizes[0]}`);
  const L = net.weights.length;
  if (y.length !== net.sizes[L]) throw new RangeError(`target has ${y.length} entries; the network outputs ${net.sizes[L]}`);
  const as: Value[][] = [Array.from(x, (v, k) => leaf(v, `x${k + 1}`))];
  const zs: Value[][] = [];
  const weights: Value[][][] = [];
  const biases: Value[][] = [];
  for (let i = 0; i < L; i++) {
    const w = net.weights[i];
    const W = Array.from({ length: w.rows }, (_, j) => Array.from({ length: w.cols }, (_, k) => leaf(w.get(j, k), `w${i + 1}_${j + 1}${k + 1}`)));
    const B = Array.from(net.biases[i], (v, j) => leaf(v, `b${i + 1}_${j + 1}`));
    const z = W.map((row, j) => sumValues([...row.map((wv, k) => wv.mul(as[i][k])), B[j]]));
    z.forEach((v, j) => (v.label = `z${i + 1}_${j + 1}`));
    const a = activate(net.activations[i].name, z);
    weights.push(W);
    biases.push(B);
    zs.push(z);
    as.push(a);
  }
  const cost = costOf(net.cost.name, as[L], Array.from(y));
  cost.label = 'C';
  return { cost, weights, biases, zs, as };
}

/** ∂C_x/∂w^l and ∂C_x/∂b^l by reverse-mode autodiff on the cost graph: the same numbers as `backprop`. */
export function autodiffGradients(net: Network, x: VecLike, y: VecLike): Gradients {
  const g = costGraph(net, x, y);
  backward(g.cost);
  return {
    nablaW: g.weights.map((W) => Matrix.from(W.map((row) => row.map((v) => v.grad)))),
    nablaB: g.biases.map((B) => Float64Array.from(B, (v) => v.grad)),
  };
}

/** The size of a graph: its nodes, the operations among them (non-leaf nodes) and its edges. */
export interface GraphWork {
  /** Every node: leaves (inputs, parameters, constants) and operations. */
  nodes: number;
  /** Non-leaf nodes: the forward pass evaluates each once (with its local derivatives). */
  operations: number;
  /** Parent links: the backward pass does one multiply (local · grad) and one add into the parent's grad per edge. */
  edges: number;
  /** Leaves. */
  leaves: number;
}

/** Count the nodes, operations and edges of the graph under root. */
export function graphWork(root: Value): GraphWork {
  const order = topoOrder(root);
  let operations = 0;
  let edges = 0;
  for (const v of order) {
    if (v.parents.length > 0) operations++;
    edges += v.parents.length;
  }
  return { nodes: order.length, operations, edges, leaves: order.length - operations };
}
