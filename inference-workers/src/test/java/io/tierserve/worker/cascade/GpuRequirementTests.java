package io.tierserve.worker.cascade;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

/** A worker started with {@code --device-class gpu} where CUDA cannot run refuses to start, saying why. */
class GpuRequirementTests {

    @Test
    void withoutTheCudaProviderRequiringAGpuFailsWithWhatIsMissing() {
        Engines.configure(1);
        // on a CUDA build (-Pgpu) with a GPU this machine can serve gpu; nothing to refuse then
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
        assertThatThrownBy(Engines::requireGpu)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUDA execution provider")
                .hasMessageContaining("-Pgpu");
        assertThatThrownBy(Engines::requireGpu).isInstanceOf(IllegalStateException.class);
    }
}
