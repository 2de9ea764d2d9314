package io.tierserve.platform.profile;

import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileCsv;
import io.tierserve.policy.profile.ProfileJson;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Profile uploads in policy-service's formats: the JSON document, or the two CSV files as multipart
 * parts {@code stages} and {@code samples}. 202: the profile is stored and its recomputation queued.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}/cascades/{cascade}/profiles")
class ProfileUploadController {

    private final ProfileUploadService uploads;
    private final ProfileMeasurement measurements;

    ProfileUploadController(ProfileUploadService uploads, ProfileMeasurement measurements) {
        this.uploads = uploads;
        this.measurements = measurements;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProfileUploaded uploadJson(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @RequestParam(required = false) String name,
            @RequestBody String body) {
        return uploads.upload(tenant, cascade, name, parse(() -> ProfileJson.parse(body)));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProfileUploaded uploadCsv(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "cpu") String deviceClass,
            @RequestPart("stages") MultipartFile stages,
            @RequestPart("samples") MultipartFile samples)
            throws IOException {
        String stagesCsv = new String(stages.getBytes(), StandardCharsets.UTF_8);
        try (Reader samplesCsv = new InputStreamReader(samples.getInputStream(), StandardCharsets.UTF_8)) {
            return uploads.upload(
                    tenant,
                    cascade,
                    name,
                    parse(() -> ProfileCsv.read(new StringReader(stagesCsv), samplesCsv, cascade, deviceClass)));
        }
    }

    /**
     * Profiles the cascade on an uploaded labelled dataset (run by the worker that serves it: in
     * standalone mode the in-process one, synchronously), then stores the profile and queues its
     * recomputation like an upload.
     */
    @PostMapping(path = "/measure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProfileUploaded measure(
            @PathVariable String tenant, @PathVariable String cascade, @Valid @RequestBody MeasureRequest request) {
        return measurements.measure(tenant, cascade, request);
    }

    private interface Parse {
        Profile get();
    }

    private static Profile parse(Parse parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
            throw InvalidProfileUploadException.because(ex.getMessage());
        }
    }
}
