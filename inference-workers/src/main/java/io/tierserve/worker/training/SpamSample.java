package io.tierserve.worker.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small held-out sample of the SpamAssassin corpus for tests and examples: hard ham and spam from
 * the test split (never trained or profiled on), {@code perClass} of each in the corpus's seeded
 * order, as JSON {@code [{"group", "id", "label", "text"}, ...]}. The committed one is
 * {@link #RESOURCE}.
 */
public final class SpamSample {

    /** The committed sample's classpath location. */
    public static final String RESOURCE = "demo/spam-samples/held-out.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpamSample() {}

    /** Writes the sample of {@code messages} to {@code file}; returns how many messages it holds. */
    public static int write(List<SpamAssassin.Message> messages, int perClass, Path file) {
        List<SpamAssassin.Message> test = SpamAssassin.split(messages, SpamAssassin.Split.TEST, SpamAssassin.SEED);
        List<SpamAssassin.Message> sample = new ArrayList<>();
        sample.addAll(test.stream()
                .filter(m -> m.group().equals("hard-ham-1"))
                .limit(perClass)
                .toList());
        sample.addAll(test.stream().filter(m -> m.label() == 1).limit(perClass).toList());
        try {
            Files.writeString(file, JSON.writeValueAsString(sample) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return sample.size();
    }

    /** The committed sample. */
    public static List<SpamAssassin.Message> load() {
        try (InputStream in = SpamSample.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return List.of(JSON.readValue(in, SpamAssassin.Message[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
