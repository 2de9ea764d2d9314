package io.tierserve.policy.solver;

import java.util.Arrays;

/**
 * A finite distribution of equivalent losses: atoms sorted by value, each with its probability and
 * its derivative with respect to {@code mu} ({@code slope}).
 *
 * <p>The slopes carry the envelope theorem: the optimal objective {@code V(mu)} has derivative
 * {@code E[sum of costs]} of the optimal policy, and an atom created at an index {@code σ} moves
 * with {@code dσ/dmu}; atoms at grid losses do not move. Ties (an index exactly on an atom of
 * another distribution) make the derivative one-sided; the costs of random instances never tie.
 */
final class Atoms {

    final double[] value;
    final double[] slope;
    final double[] prob;

    private Atoms(double[] value, double[] slope, double[] prob) {
        this.value = value;
        this.slope = slope;
        this.prob = prob;
    }

    static Atoms point(double value) {
        return new Atoms(new double[] {value}, new double[] {0}, new double[] {1});
    }

    int size() {
        return value.length;
    }

    double mean() {
        double s = 0;
        for (int k = 0; k < value.length; k++) {
            s += prob[k] * value[k];
        }
        return s;
    }

    double meanSlope() {
        double s = 0;
        for (int k = 0; k < value.length; k++) {
            s += prob[k] * slope[k];
        }
        return s;
    }

    /** Σ_e weights[e] · parts[e]. */
    static Atoms mix(double[] weights, Atoms[] parts) {
        int total = 0;
        for (int e = 0; e < parts.length; e++) {
            if (weights[e] > 0) {
                total += parts[e].size();
            }
        }
        double[] v = new double[total];
        double[] d = new double[total];
        double[] q = new double[total];
        int k = 0;
        for (int e = 0; e < parts.length; e++) {
            if (weights[e] > 0) {
                Atoms part = parts[e];
                for (int j = 0; j < part.size(); j++) {
                    v[k] = part.value[j];
                    d[k] = part.slope[j];
                    q[k] = weights[e] * part.prob[j];
                    k++;
                }
            }
        }
        return normalise(v, d, q, total);
    }

    /**
     * Weitzman's reservation value: the largest {@code σ} with {@code E[(σ - L)⁺] <= scaledCost}
     * (stop at equality), and its derivative with respect to {@code mu} where {@code scaledCost =
     * mu · cost}; returned as {@code {σ, dσ}}.
     */
    double[] reservation(double scaledCost, double cost) {
        double f = 0;
        double m = 0;
        double dm = 0;
        for (int k = 0; k < value.length; k++) {
            if (f > 0 && f * value[k] - m > scaledCost) {
                break;
            }
            f += prob[k];
            m += prob[k] * value[k];
            dm += prob[k] * slope[k];
        }
        return new double[] {(scaledCost + m) / f, (cost + dm) / f};
    }

    /** max(L, σ): the mass below σ moves onto one atom at σ. */
    Atoms maxWith(double sigma, double sigmaSlope) {
        int below = 0;
        double mass = 0;
        while (below < value.length && value[below] < sigma) {
            mass += prob[below];
            below++;
        }
        int keep = value.length - below;
        int size = keep + (mass > 0 ? 1 : 0);
        double[] v = new double[size];
        double[] d = new double[size];
        double[] q = new double[size];
        int k = 0;
        if (mass > 0) {
            v[0] = sigma;
            d[0] = sigmaSlope;
            q[0] = mass;
            k = 1;
        }
        System.arraycopy(value, below, v, k, keep);
        System.arraycopy(slope, below, d, k, keep);
        System.arraycopy(prob, below, q, k, keep);
        return new Atoms(v, d, q);
    }

    /**
     * min(loss, Y_1, ..., Y_k) for independent Y's (children are independent given their parent's
     * state, so survival functions multiply). {@code loss} may be +∞ (the virtual root). On equal
     * values the earlier input wins: the loss first, then children in the given order.
     */
    static Atoms minOfIndependent(double loss, Atoms[] ys) {
        int total = Double.isFinite(loss) ? 1 : 0;
        for (Atoms y : ys) {
            total += y.size();
        }
        double[] v = new double[total];
        double[] d = new double[total];
        double[] q = new double[total];
        double[][] cdf = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            cdf[j] = ys[j].cumulative();
        }
        int k = 0;
        if (Double.isFinite(loss)) {
            double pr = 1;
            for (int j = 0; j < ys.length; j++) {
                pr *= ys[j].survival(cdf[j], loss, false);
            }
            v[k] = loss;
            q[k++] = pr;
        }
        for (int j = 0; j < ys.length; j++) {
            Atoms y = ys[j];
            for (int a = 0; a < y.size(); a++) {
                double x = y.value[a];
                if (x >= loss) {
                    continue;
                }
                double pr = y.prob[a];
                for (int other = 0; other < ys.length && pr > 0; other++) {
                    if (other != j) {
                        pr *= ys[other].survival(cdf[other], x, other < j);
                    }
                }
                v[k] = x;
                d[k] = y.slope[a];
                q[k++] = pr;
            }
        }
        return normalise(v, d, q, k);
    }

    private double[] cumulative() {
        double[] c = new double[value.length + 1];
        for (int k = 0; k < value.length; k++) {
            c[k + 1] = c[k] + prob[k];
        }
        return c;
    }

    /** Pr(Y > x) when strict, else Pr(Y >= x). */
    private double survival(double[] cdf, double x, boolean strict) {
        int lo = 0;
        int hi = value.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strict ? value[mid] <= x : value[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.max(0, 1 - cdf[lo]);
    }

    /** Sorts by (value, slope), merges equal atoms and drops empty ones. */
    private static Atoms normalise(double[] v, double[] d, double[] q, int size) {
        int[] order = sortedOrder(v, d, size);
        double[] nv = new double[size];
        double[] nd = new double[size];
        double[] nq = new double[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int at = order[k];
            if (q[at] <= 0) {
                continue;
            }
            if (n > 0 && nv[n - 1] == v[at] && nd[n - 1] == d[at]) {
                nq[n - 1] += q[at];
            } else {
                nv[n] = v[at];
                nd[n] = d[at];
                nq[n++] = q[at];
            }
        }
        return new Atoms(Arrays.copyOf(nv, n), Arrays.copyOf(nd, n), Arrays.copyOf(nq, n));
    }

    /** Indices 0..size-1 ordered by (v, d): a bottom-up merge sort on primitives (no boxing). */
    private static int[] sortedOrder(double[] v, double[] d, int size) {
        int[] a = new int[size];
        int[] b = new int[size];
        for (int k = 0; k < size; k++) {
            a[k] = k;
        }
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                int mid = Math.min(lo + width, size);
                int hi = Math.min(lo + 2 * width, size);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    int x = a[i];
                    int y = a[j];
                    boolean takeRight = v[y] < v[x] || (v[y] == v[x] && d[y] < d[x]);
                    b[k++] = takeRight ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
