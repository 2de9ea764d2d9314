package io.tierserve.platform.profile;

import io.tierserve.platform.inference.ServedCascades;
import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.execution.InferenceInput;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Profiles a cascade on a labelled dataset a tenant admin uploads: a worker of the chosen device
 * class's pool runs every stage on every sample (single-request runs after warm-up, as the {@code
 * profile} command does), and the profile is stored and its recomputation queued like an upload.
 *
 * <p>The measurement runs before, and outside, the transaction that stores the profile: a failed
 * measurement stores nothing, and a long one holds no database connection.
 */
@Service
class ProfileMeasurement {

    private static final int DEFAULT_WARMUP = 200;

    private final ServedCascades served;
    private final ProfileUploadService uploads;

    ProfileMeasurement(ServedCascades served, ProfileUploadService uploads) {
        this.served = served;
        this.uploads = uploads;
    }

    ProfileUploaded measure(String tenant, String cascade, MeasureRequest request) {
        List<String> labelNames = served.labels(tenant, cascade);
        List<InferenceInput> inputs = new ArrayList<>(request.samples().size());
        int[] labels = new int[request.samples().size()];
        for (int i = 0; i < labels.length; i++) {
            MeasureRequest.Sample sample = request.samples().get(i);
            if ((sample.image() == null) == (sample.tensor() == null)) {
                throw InvalidProfileUploadException.because(
                        "samples[" + i + "] needs exactly one of 'image' and 'tensor'");
            }
            inputs.add(
                    sample.image() != null
                            ? new InferenceInput.Image(sample.image())
                            : new InferenceInput.Raw(
                                    sample.tensor().shape(), sample.tensor().data()));
            if (sample.label() instanceof String name) {
                labels[i] = labelNames.indexOf(name);
                if (labels[i] < 0) {
                    throw InvalidProfileUploadException.because("samples[" + i + "].label '" + name
                            + "' is not a label of cascade " + cascade + "; valid: " + labelNames);
                }
            } else if (sample.label() instanceof Integer index && index >= 0 && index < labelNames.size()) {
                labels[i] = index;
            } else {
                throw InvalidProfileUploadException.because("samples[" + i + "].label " + sample.label()
                        + " is neither a class index below " + labelNames.size() + " nor a label name");
            }
        }
        int warmup = request.warmup() == null ? DEFAULT_WARMUP : request.warmup();
        Profile measured = served.measure(tenant, cascade, inputs, labels, warmup, request.deviceClass());
        Profile profile = new Profile(
                measured.formatVersion(),
                cascade,
                measured.deviceClass(),
                measured.labels(),
                measured.stages(),
                measured.samples());
        return uploads.storeMeasured(tenant, cascade, request.name(), profile);
    }
}
