package io.tierserve.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/** The early-exit training loss: the sum of every exit's softmax cross-entropy, equally weighted. */
final class ExitsLoss extends Loss {

    private final SoftmaxCrossEntropyLoss crossEntropy = new SoftmaxCrossEntropyLoss("exit");

    ExitsLoss() {
        super("exits");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (NDArray logits : predictions) {
            NDArray loss = crossEntropy.evaluate(labels, new NDList(logits));
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }
}
