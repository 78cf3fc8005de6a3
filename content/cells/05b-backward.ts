// Uses net, x and y from the cell above (same session): the errors δ and the gradients.
// deltas[l − 1] is δˡ, nablaW[l − 1] is ∂C/∂wˡ and nablaB[l − 1] is ∂C/∂bˡ.
import { backprop, type Network } from "engine";
declare const net: Network, x: number[], y: number[]; // defined by the cell above (types only)

const { deltas, nablaW, nablaB } = backprop(net, x, y);
console.log("δ³ (BP1) =", deltas[2], "  δ² (BP2) =", deltas[1], "  δ¹ (BP2) =", deltas[0]);
display(nablaW[0], nablaB[0]); // ∂C/∂w¹ = δ¹ xᵀ (BP4), ∂C/∂b¹ = δ¹ (BP3)
