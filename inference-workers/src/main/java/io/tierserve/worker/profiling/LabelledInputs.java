package io.tierserve.worker.profiling;

import io.tierserve.worker.cascade.Preprocessing;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.training.FashionMnist;
import java.util.List;

/** A labelled data set already in a cascade's input layout. */
public interface LabelledInputs {

    int count();

    /** Sample {@code index} as the first stage's input (batch axis included). */
    Tensor input(int index);

    int label(int index);

    /** Fashion-MNIST images preprocessed per {@code preprocessing} into {@code 1×1×28×28} tensors. */
    static LabelledInputs of(FashionMnist data, Preprocessing preprocessing) {
        long[] shape = {1, 1, data.rows(), data.cols()};
        return new LabelledInputs() {
            @Override
            public int count() {
                return data.count();
            }

            @Override
            public Tensor input(int index) {
                return new Tensor(preprocessing.normalise(data.image(index)), shape);
            }

            @Override
            public int label(int index) {
                return data.labels()[index];
            }
        };
    }

    /** Tensors already in the input layout, with their labels. */
    static LabelledInputs of(List<Tensor> inputs, int[] labels) {
        if (inputs.size() != labels.length) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + labels.length + " labels");
        }
        List<Tensor> copy = List.copyOf(inputs);
        int[] labelCopy = labels.clone();
        return new LabelledInputs() {
            @Override
            public int count() {
                return copy.size();
            }

            @Override
            public Tensor input(int index) {
                return copy.get(index);
            }

            @Override
            public int label(int index) {
                return labelCopy[index];
            }
        };
    }
}
