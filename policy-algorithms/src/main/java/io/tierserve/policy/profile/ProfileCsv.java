package io.tierserve.policy.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV form of a {@link Profile}: two files with the same columns as the JSON form.
 *
 * <p>Stages file, header {@code stage,parent,deviceClass,meanMs,p50Ms,p99Ms}: one row per stage and
 * device class, parents first, {@code parent} empty for a first stage. Samples file, header
 * {@code sample,label,stage,prediction,confidence}: one row per sample and stage; {@code sample} is
 * any id, and samples keep the order of their first row. Fields are plain (no quoting): ids must
 * not contain commas. Cascade name and default device class are given by the caller; labels'
 * names are not part of the CSV form.
 */
public final class ProfileCsv {

    static final String STAGES_HEADER = "stage,parent,deviceClass,meanMs,p50Ms,p99Ms";
    static final String SAMPLES_HEADER = "sample,label,stage,prediction,confidence";

    private ProfileCsv() {}

    public static Profile read(Path stagesCsv, Path samplesCsv, String cascade, String deviceClass) {
        try (Reader stages = Files.newBufferedReader(stagesCsv, StandardCharsets.UTF_8);
                Reader samples = Files.newBufferedReader(samplesCsv, StandardCharsets.UTF_8)) {
            return read(stages, samples, cascade, deviceClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile CSV: " + e.getMessage(), e);
        }
    }

    public static Profile read(Reader stagesCsv, Reader samplesCsv, String cascade, String deviceClass) {
        Map<String, String> parents = new LinkedHashMap<>();
        Map<String, Map<String, StageLatency>> latencies = new LinkedHashMap<>();
        for (Row row : rows(stagesCsv, STAGES_HEADER, "stages CSV")) {
            String stage = row.text(0);
            String parent = row.text(1);
            String previous = parents.putIfAbsent(stage, parent.isEmpty() ? "" : parent);
            if (previous != null && !previous.equals(parent)) {
                throw row.error("stage '" + stage + "' has two different parents");
            }
            latencies
                    .computeIfAbsent(stage, k -> new LinkedHashMap<>())
                    .put(row.text(2), new StageLatency(row.number(3), row.number(4), row.number(5)));
        }
        List<ProfileStage> stages = new ArrayList<>();
        Map<String, Integer> stageIndex = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parents.entrySet()) {
            stageIndex.put(e.getKey(), stages.size());
            String parent = e.getValue().isEmpty() ? null : e.getValue();
            stages.add(new ProfileStage(e.getKey(), parent, latencies.get(e.getKey())));
        }
        Map<String, int[]> labels = new LinkedHashMap<>();
        Map<String, StageOutput[]> outputs = new LinkedHashMap<>();
        for (Row row : rows(samplesCsv, SAMPLES_HEADER, "samples CSV")) {
            String id = row.text(0);
            int label = row.integer(1);
            int[] known = labels.putIfAbsent(id, new int[] {label});
            if (known != null && known[0] != label) {
                throw row.error("sample '" + id + "' has two different labels");
            }
            Integer stage = stageIndex.get(row.text(2));
            if (stage == null) {
                throw row.error("stage '" + row.text(2) + "' is not in the stages CSV");
            }
            StageOutput[] out = outputs.computeIfAbsent(id, k -> new StageOutput[stages.size()]);
            if (out[stage] != null) {
                throw row.error("sample '" + id + "' has two rows for stage '" + row.text(2) + "'");
            }
            out[stage] = new StageOutput(row.integer(3), row.number(4));
        }
        List<ProfileSample> samples = new ArrayList<>(outputs.size());
        for (Map.Entry<String, StageOutput[]> e : outputs.entrySet()) {
            StageOutput[] out = e.getValue();
            for (int v = 0; v < out.length; v++) {
                if (out[v] == null) {
                    throw new InvalidProfileException("samples CSV: sample '" + e.getKey() + "' has no row for stage '"
                            + stages.get(v).id() + "' (every sample needs every stage)");
                }
            }
            samples.add(new ProfileSample(labels.get(e.getKey())[0], List.of(out)));
        }
        return new Profile(Profile.FORMAT_VERSION, cascade, deviceClass, List.of(), stages, samples);
    }

    /** Writes the two files; samples are numbered from 0 in profile order. */
    public static void write(Profile profile, Writer stagesCsv, Writer samplesCsv) {
        try {
            stagesCsv.write(STAGES_HEADER + "\n");
            for (ProfileStage stage : profile.stages()) {
                for (Map.Entry<String, StageLatency> e : stage.latency().entrySet()) {
                    StageLatency l = e.getValue();
                    stagesCsv.write(String.join(
                                    ",",
                                    stage.id(),
                                    stage.parent() == null ? "" : stage.parent(),
                                    e.getKey(),
                                    Double.toString(l.meanMs()),
                                    Double.toString(l.p50Ms()),
                                    Double.toString(l.p99Ms()))
                            + "\n");
                }
            }
            samplesCsv.write(SAMPLES_HEADER + "\n");
            for (int s = 0; s < profile.sampleCount(); s++) {
                ProfileSample sample = profile.samples().get(s);
                for (int v = 0; v < profile.stageCount(); v++) {
                    StageOutput o = sample.outputs().get(v);
                    samplesCsv.write(s + "," + sample.label() + ","
                            + profile.stages().get(v).id() + "," + o.prediction() + "," + o.confidence() + "\n");
                }
            }
            stagesCsv.flush();
            samplesCsv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profile CSV: " + e.getMessage(), e);
        }
    }

    private static List<Row> rows(Reader reader, String header, String file) {
        List<Row> rows = new ArrayList<>();
        int columns = header.split(",").length;
        try {
            BufferedReader in = new BufferedReader(reader);
            String first = in.readLine();
            if (first == null || !first.strip().replace(" ", "").equals(header)) {
                throw new InvalidProfileException(file + ": first line must be the header '" + header + "'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new InvalidProfileException(
                            file + " line " + number + ": expected " + columns + " fields, found " + fields.length);
                }
                rows.add(new Row(file, number, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private record Row(String file, int line, String[] fields) {

        String text(int column) {
            return fields[column].strip();
        }

        int integer(int column) {
            try {
                return Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw error("column " + (column + 1) + " must be an integer, was '" + text(column) + "'");
            }
        }

        double number(int column) {
            try {
                return Double.parseDouble(text(column));
            } catch (NumberFormatException e) {
                throw error("column " + (column + 1) + " must be a number, was '" + text(column) + "'");
            }
        }

        InvalidProfileException error(String message) {
            return new InvalidProfileException(file + " line " + line + ": " + message);
        }
    }
}
