package org.dgmoe.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names other software gives to what a dgmoe key holds (R's mixtools and flexmix, R's distribution
 * functions), declared once in {@link StudySchema#SYNONYMS}: an unknown key that is one of them is answered
 * with dgmoe's key and, where the meaning differs, how ("did you mean 'variance'? (dgmoe takes a variance,
 * not a standard deviation)"), instead of an edit-distance guess that cannot relate {@code sd} to
 * {@code variance}. docs/config.md, "Names from R", is rendered from the declaration.
 *
 * @param names the other names, lower case (matched case-insensitively)
 * @param key   dgmoe's key, suggested only in an object where it is allowed
 * @param note  how dgmoe's key differs from what the other names usually hold, or empty
 */
public record KeySynonym(List<String> names, String key, String note) {

    public KeySynonym {
        names = List.copyOf(names);
        if (names.isEmpty() || key == null || key.isBlank() || note == null) {
            throw new IllegalArgumentException("names, key, note: at least one name and a key, got " + names + ", "
                    + key + ", " + note);
        }
        for (String n : names) {
            if (!n.equals(n.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("names: must be lower case, got " + n);
            }
        }
    }

    /**
     * The first of {@code synonyms} that names {@code written} and whose key is among {@code allowed} (the
     * keys of the object it was written in), or null.
     */
    public static KeySynonym find(String written, Set<String> allowed, List<KeySynonym> synonyms) {
        String w = written.toLowerCase(Locale.ROOT);
        for (KeySynonym s : synonyms) {
            if (s.names.contains(w) && allowed.contains(s.key)) {
                return s;
            }
        }
        return null;
    }

    /** The message's suggestion: "did you mean 'variance'? (dgmoe takes a variance, ...)". */
    public String suggestion() {
        return "did you mean '" + key + "'?" + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
