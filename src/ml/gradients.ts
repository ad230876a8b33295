/**
 * Gradients of the (few) TF.js kernels the models record on the tape, registered into tfjs-core's
 * global gradient registry. tfjs-core's node bundle ships no gradients, its ESM
 * `register_all_gradients` cannot be imported by Node (extensionless imports), and loading the
 * whole @tensorflow/tfjs bundle for them costs ~3x the startup of tfjs-core (layers, converter,
 * data, webgl). Matmuls, lookups and biases use custom gradients (src/ml/ops.ts) and are not here.
 * test/ml/gradients.test.ts checks each against the official gradients of @tensorflow/tfjs.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GradConfig, NamedAttrMap, Tensor } from "@tensorflow/tfjs-core";

/** Sum dy over the axes broadcast from `shape`, back to `shape`. */
function unbroadcast(dy: Tensor, shape: number[]): Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  const r = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return tf.reshape(r, shape);
}

/** dy of a reduction (Sum/Mean over `axis`) broadcast back to x's shape. */
function expandReduced(dy: Tensor, x: Tensor, attrs: NamedAttrMap): Tensor {
  const axes = tf.util.parseAxisParam(attrs["axis"] as number | number[], x.shape);
  const shape = x.shape.slice();
  for (const a of axes) shape[a] = 1;
  return tf.mul(tf.reshape(dy, shape), tf.ones(x.shape, "float32"));
}

const reduceSize = (x: Tensor, attrs: NamedAttrMap): number =>
  tf.util.parseAxisParam(attrs["axis"] as number | number[], x.shape).reduce((n, a) => n * x.shape[a]!, 1);

export const GRADIENTS: GradConfig[] = [
  {
    kernelName: "Add",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [Tensor, Tensor];
      return { a: () => unbroadcast(dy as Tensor, a.shape), b: () => unbroadcast(dy as Tensor, b.shape) };
    },
  },
  {
    kernelName: "Sub",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [Tensor, Tensor];
      return { a: () => unbroadcast(dy as Tensor, a.shape), b: () => tf.neg(unbroadcast(dy as Tensor, b.shape)) };
    },
  },
  {
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [Tensor, Tensor];
      return {
        a: () => unbroadcast(tf.mul(dy as Tensor, tf.cast(b, "float32")), a.shape),
        b: () => unbroadcast(tf.mul(dy as Tensor, tf.cast(a, "float32")), b.shape),
      };
    },
  },
  {
    kernelName: "AddN",
    saveAllInputs: true,
    gradFunc: (dy, saved) => {
      const ders: Record<string, () => Tensor> = {};
      saved.forEach((_, i) => (ders[i] = () => tf.clone(dy as Tensor)));
      return ders;
    },
  },
  {
    kernelName: "Reshape",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => ({ x: () => tf.reshape(dy as Tensor, (saved[0] as Tensor).shape) }),
  },
  {
    kernelName: "Softplus",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as Tensor, tf.sigmoid(saved[0] as Tensor)) }),
  },
  {
    kernelName: "Square",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as Tensor, tf.mul(tf.cast(saved[0] as Tensor, "float32"), 2)) }),
  },
  {
    kernelName: "SquaredDifference",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [Tensor, Tensor];
      const two = tf.scalar(2);
      return { a: () => tf.mul(dy as Tensor, tf.mul(two, tf.sub(a, b))), b: () => tf.mul(dy as Tensor, tf.mul(two, tf.sub(b, a))) };
    },
  },
  {
    kernelName: "Sum",
    inputsToSave: ["x"],
    gradFunc: (dy, saved, attrs) => ({ x: () => expandReduced(dy as Tensor, saved[0] as Tensor, attrs) }),
  },
  {
    kernelName: "Mean",
    inputsToSave: ["x"],
    gradFunc: (dy, saved, attrs) => {
      const x = saved[0] as Tensor;
      return { x: () => tf.div(expandReduced(dy as Tensor, x, attrs), reduceSize(x, attrs)) };
    },
  },
  {
    kernelName: "Identity",
    gradFunc: (dy) => ({ x: () => tf.cast(dy as Tensor, "float32") }),
  },
  {
    kernelName: "Cast",
    gradFunc: (dy) => ({ x: () => tf.clone(dy as Tensor) }),
  },
];

let registered = false;
/** Register GRADIENTS for kernels that have no gradient yet (a loaded @tensorflow/tfjs keeps its own). */
export function registerGradients(): void {
  if (registered) return;
  registered = true;
  for (const g of GRADIENTS) if (tf.getGradient(g.kernelName) === undefined) tf.registerGradient(g);
}
