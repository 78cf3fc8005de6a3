// Uses net, x and y from the cell above (same session): the errors δ and the gradients.
import { backprop, type Network } from "engine";
declare const net: Network, x: number[], y: number[]; // defined by the cell above (types only)

const { deltas, nablaW, nablaB } = backprop(net, x, y);
console.log("δ³ (BP1) =", deltas[1], "  δ² (BP2) =", deltas[0]);
display(nablaW[0], nablaB[0]); // ∂C/∂w² = δ² (a¹)ᵀ (BP4), ∂C/∂b² = δ² (BP3)
