package io.tierserve.worker.text;

import java.util.Locale;

/**
 * Hashed n-gram features of a text: word unigrams and bigrams and character 3- to 5-grams of the
 * lower-cased text (its first {@code maxChars} characters), each hashed (FNV-1a, salted by kind and
 * length) into one of {@code buckets} counts, then scaled to unit length. Deterministic and
 * allocation-free per call given a {@link Scratch}.
 *
 * @param buckets a power of two
 * @param maxChars characters read from the start of the text
 */
public record HashedNgrams(int buckets, int maxChars) {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    public HashedNgrams {
        if (buckets <= 0 || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets must be a power of two");
        }
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
    }

    /** Per-thread working memory: a count per bucket and the buckets touched. */
    public static final class Scratch {
        final int[] counts;
        int[] touched = new int[1024];
        int size;

        public Scratch(HashedNgrams features) {
            counts = new int[features.buckets()];
        }

        void add(int bucket) {
            if (counts[bucket]++ == 0) {
                if (size == touched.length) {
                    touched = java.util.Arrays.copyOf(touched, size * 2);
                }
                touched[size++] = bucket;
            }
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                counts[touched[i]] = 0;
            }
            size = 0;
        }
    }

    /**
     * The text's features: {@code indices[i]} has value {@code values[i]}; unit length (all zero for
     * an empty text).
     */
    public record Features(int[] indices, float[] values) {}

    public Features extract(String text, Scratch scratch) {
        scratch.clear();
        String lower = text.length() > maxChars ? text.substring(0, maxChars) : text;
        lower = lower.toLowerCase(Locale.ROOT);
        int mask = buckets - 1;
        int n = lower.length();
        // character 3- to 5-grams, whitespace runs read as one space
        char[] chars = new char[n];
        int len = 0;
        boolean space = true;
        for (int i = 0; i < n; i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!space) {
                    chars[len++] = ' ';
                    space = true;
                }
            } else {
                chars[len++] = c;
                space = false;
            }
        }
        for (int i = 0; i + 3 <= len; i++) {
            int h = FNV_OFFSET ^ 0x5bd1e995;
            for (int k = 0; k < 5 && i + k < len; k++) {
                h = (h ^ chars[i + k]) * FNV_PRIME;
                if (k >= 2) {
                    scratch.add(mix(h + k) & mask);
                }
            }
        }
        // words (runs of letters and digits) and their bigrams
        int previous = 0;
        boolean hasPrevious = false;
        int i = 0;
        while (i < len) {
            if (!Character.isLetterOrDigit(chars[i])) {
                char c = chars[i];
                if (c == '$' || c == '!' || c == '%') {
                    int h = (FNV_OFFSET ^ 0x27d4eb2f ^ c) * FNV_PRIME;
                    scratch.add(mix(h) & mask);
                }
                i++;
                continue;
            }
            int h = FNV_OFFSET ^ 0x165667b1;
            int start = i;
            while (i < len && Character.isLetterOrDigit(chars[i]) && i - start < 40) {
                h = (h ^ chars[i]) * FNV_PRIME;
                i++;
            }
            int word = mix(h);
            scratch.add(word & mask);
            if (hasPrevious) {
                scratch.add(mix(previous * 31 + word + 0x3c6ef372) & mask);
            }
            previous = word;
            hasPrevious = true;
        }
        int[] indices = new int[scratch.size];
        float[] values = new float[scratch.size];
        double norm = 0;
        for (int j = 0; j < scratch.size; j++) {
            int count = scratch.counts[scratch.touched[j]];
            norm += (double) count * count;
        }
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int j = 0; j < scratch.size; j++) {
            indices[j] = scratch.touched[j];
            values[j] = (float) (scratch.counts[indices[j]] * scale);
        }
        return new Features(indices, values);
    }

    // murmur3's finaliser: spreads FNV's low bits before the mask
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
