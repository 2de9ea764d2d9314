package io.tierserve.policy.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the JSON form of a {@link Profile}.
 *
 * <pre>{@code
 * {"formatVersion": 1, "cascade": "fashion-mnist", "deviceClass": "cpu", "labels": ["T-shirt/top", ...],
 *  "stages": [{"id": "exit1", "parent": null, "latency": {"cpu": {"meanMs": 0.05, "p50Ms": 0.04, "p99Ms": 0.09}}}, ...],
 *  "samples": [{"label": 3, "outputs": [{"prediction": 3, "confidence": 0.93}, ...]}, ...]}
 * }</pre>
 *
 * <p>The reader walks the tree by hand rather than binding records so that a missing or mistyped
 * field is reported with its path ({@code samples[12].outputs[1].confidence}) instead of silently
 * becoming 0. Unknown fields are ignored, so writers may add their own.
 */
public final class ProfileJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProfileJson() {}

    /** Reads a profile file; a name ending in {@code .gz} is read through gzip. */
    public static Profile read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }

    public static Profile read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new InvalidProfileException("profile is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(root);
    }

    public static Profile parse(String json) {
        return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Profile fromTree(JsonNode root) {
        requireObject(root, "profile");
        int version = intField(root, "formatVersion", "");
        String cascade = stringField(root, "cascade", "");
        String deviceClass = stringField(root, "deviceClass", "");
        List<String> labels = new ArrayList<>();
        JsonNode labelsNode = root.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            requireArray(labelsNode, "labels");
            for (int i = 0; i < labelsNode.size(); i++) {
                JsonNode l = labelsNode.get(i);
                if (!l.isString()) {
                    throw new InvalidProfileException("labels[" + i + "] must be a string");
                }
                labels.add(l.stringValue());
            }
        }
        JsonNode stagesNode = arrayField(root, "stages", "");
        List<ProfileStage> stages = new ArrayList<>(stagesNode.size());
        for (int v = 0; v < stagesNode.size(); v++) {
            stages.add(stage(stagesNode.get(v), "stages[" + v + "]"));
        }
        JsonNode samplesNode = arrayField(root, "samples", "");
        List<ProfileSample> samples = new ArrayList<>(samplesNode.size());
        for (int s = 0; s < samplesNode.size(); s++) {
            samples.add(sample(samplesNode.get(s), "samples[" + s + "]"));
        }
        return new Profile(version, cascade, deviceClass, labels, stages, samples);
    }

    private static ProfileStage stage(JsonNode node, String where) {
        requireObject(node, where);
        String id = stringField(node, "id", where + ".");
        JsonNode parentNode = node.get("parent");
        String parent = null;
        if (parentNode != null && !parentNode.isNull()) {
            if (!parentNode.isString()) {
                throw new InvalidProfileException(where + ".parent must be a stage id or null");
            }
            parent = parentNode.stringValue();
        }
        JsonNode latencyNode = node.get("latency");
        if (latencyNode == null || !latencyNode.isObject()) {
            throw new InvalidProfileException(where + ".latency must be an object keyed by device class");
        }
        Map<String, StageLatency> latency = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : latencyNode.properties()) {
            String at = where + ".latency." + e.getKey();
            requireObject(e.getValue(), at);
            latency.put(
                    e.getKey(),
                    new StageLatency(
                            doubleField(e.getValue(), "meanMs", at + "."),
                            doubleField(e.getValue(), "p50Ms", at + "."),
                            doubleField(e.getValue(), "p99Ms", at + ".")));
        }
        return new ProfileStage(id, parent, latency);
    }

    private static ProfileSample sample(JsonNode node, String where) {
        requireObject(node, where);
        int label = intField(node, "label", where + ".");
        JsonNode outputsNode = arrayField(node, "outputs", where + ".");
        List<StageOutput> outputs = new ArrayList<>(outputsNode.size());
        for (int v = 0; v < outputsNode.size(); v++) {
            JsonNode o = outputsNode.get(v);
            String at = where + ".outputs[" + v + "]";
            requireObject(o, at);
            outputs.add(new StageOutput(intField(o, "prediction", at + "."), doubleField(o, "confidence", at + ".")));
        }
        return new ProfileSample(label, outputs);
    }

    /** Writes {@code profile} as compact JSON. */
    public static void write(Profile profile, OutputStream out) {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("formatVersion", profile.formatVersion());
            g.writeStringProperty("cascade", profile.cascade());
            g.writeStringProperty("deviceClass", profile.deviceClass());
            if (!profile.labels().isEmpty()) {
                g.writeName("labels");
                g.writeStartArray();
                for (String l : profile.labels()) {
                    g.writeString(l);
                }
                g.writeEndArray();
            }
            g.writeName("stages");
            g.writeStartArray();
            for (ProfileStage stage : profile.stages()) {
                g.writeStartObject();
                g.writeStringProperty("id", stage.id());
                g.writeStringProperty("parent", stage.parent());
                g.writeName("latency");
                g.writeStartObject();
                for (Map.Entry<String, StageLatency> e : stage.latency().entrySet()) {
                    g.writeName(e.getKey());
                    g.writeStartObject();
                    g.writeNumberProperty("meanMs", e.getValue().meanMs());
                    g.writeNumberProperty("p50Ms", e.getValue().p50Ms());
                    g.writeNumberProperty("p99Ms", e.getValue().p99Ms());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("samples");
            g.writeStartArray();
            for (ProfileSample sample : profile.samples()) {
                g.writeStartObject();
                g.writeNumberProperty("label", sample.label());
                g.writeName("outputs");
                g.writeStartArray();
                for (StageOutput o : sample.outputs()) {
                    g.writeStartObject();
                    g.writeNumberProperty("prediction", o.prediction());
                    g.writeNumberProperty("confidence", o.confidence());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static void write(Profile profile, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profile " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(Profile profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(profile, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void requireObject(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidProfileException(where + " must be a JSON object");
        }
    }

    private static void requireArray(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new InvalidProfileException(where + " must be a JSON array");
        }
    }

    private static JsonNode arrayField(JsonNode node, String name, String prefix) {
        JsonNode f = node.get(name);
        if (f == null || !f.isArray()) {
            throw new InvalidProfileException(prefix + name + " must be a JSON array");
        }
        return f;
    }

    private static String stringField(JsonNode node, String name, String prefix) {
        JsonNode f = node.get(name);
        if (f == null || !f.isString()) {
            throw new InvalidProfileException(prefix + name + " must be a string");
        }
        return f.stringValue();
    }

    private static int intField(JsonNode node, String name, String prefix) {
        JsonNode f = node.get(name);
        if (f == null || !f.isIntegralNumber() || !f.canConvertToInt()) {
            throw new InvalidProfileException(prefix + name + " must be an integer");
        }
        return f.intValue();
    }

    private static double doubleField(JsonNode node, String name, String prefix) {
        JsonNode f = node.get(name);
        if (f == null || !f.isNumber()) {
            throw new InvalidProfileException(prefix + name + " must be a number");
        }
        return f.doubleValue();
    }
}
