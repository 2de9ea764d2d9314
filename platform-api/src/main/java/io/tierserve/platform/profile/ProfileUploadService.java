package io.tierserve.platform.profile;

import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.service.JobQueue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores an uploaded profile and queues its recomputation job in one transaction.
 *
 * <p>The profile itself was validated whole when it was parsed ({@link Profile}: every sample has
 * every stage, confidences in [0, 1], stages parents first); here its stages must be exactly the
 * cascade's, with the same parents. Anything wrong refuses the upload before a row is written.
 */
@Service
class ProfileUploadService {

    /** Also the shape of the names the platform gives ({@code upload-2025-01-01T00:00:00Z}). */
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]{0,99}");

    private final CascadeService cascades;
    private final ProfileStore store;
    private final JdbcTemplate jdbc;

    ProfileUploadService(CascadeService cascades, ProfileStore store, JdbcTemplate jdbc) {
        this.cascades = cascades;
        this.store = store;
        this.jdbc = jdbc;
    }

    @Transactional
    public ProfileUploaded upload(String tenant, String cascadeName, String name, Profile profile) {
        return store(tenant, cascadeName, name, "upload-", "UPLOADED", profile);
    }

    /** Stores a profile the platform measured ({@code MEASURED}) and queues its recomputation. */
    @Transactional
    ProfileUploaded storeMeasured(String tenant, String cascadeName, String name, Profile profile) {
        return store(tenant, cascadeName, name, "measured-", "MEASURED", profile);
    }

    private ProfileUploaded store(
            String tenant, String cascadeName, String name, String defaultPrefix, String source, Profile profile) {
        CascadeStages cascade = cascades.stages(tenant, cascadeName);
        List<String> ids = profile.stages().stream().map(ProfileStage::id).toList();
        if (!ids.containsAll(cascade.stageNames()) || !cascade.stageNames().containsAll(ids)) {
            throw InvalidProfileUploadException.because(
                    "the profile's stages " + ids + " are not the cascade's " + cascade.stageNames());
        }
        ServableProfile.check(profile);
        if (name != null && !name.isBlank() && !PROFILE_NAME.matcher(name).matches()) {
            throw InvalidProfileUploadException.because(
                    "a profile name is 1-100 letters, digits, '.', ':', '_' or '-', starting with a letter or digit");
        }
        String profileName = name == null || name.isBlank() ? defaultPrefix + Instant.now() : name;
        if (store.find(cascade, profileName).isPresent()) {
            throw InvalidProfileUploadException.because(
                    "the cascade already has a profile named '" + profileName + "'");
        }
        UUID profileId = store.store(cascade, profileName, source, profile);
        UUID jobId = jdbc.execute((ConnectionCallback<UUID>) connection ->
                JobQueue.enqueue(connection, cascade.tenantId(), cascade.cascadeId(), profileId, "PROFILE_STORED"));
        return new ProfileUploaded(profileId, profileName, profile.sampleCount(), jobId);
    }
}
