package org.dgmoe.app.base;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} by Levenshtein distance (case-insensitive), or null when
     * none is within max(1, min(3, |word| / 2)) edits: close enough to be a typo, not a guess.
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int limit = Math.max(1, Math.min(3, word.length() / 2));
        return bestDistance <= limit ? best : null;
    }

    /**
     * The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
     * adjacent characters each count one edit, so the commonest typos ({@code dfo} for {@code dof})
     * are one edit away.
     */
    public static int distance(String a, String b) {
        int[] twoBack = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, twoBack[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] t = twoBack;
            twoBack = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
