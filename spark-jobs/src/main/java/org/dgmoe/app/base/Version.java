package org.dgmoe.app.base;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of dgmoe: the one lookup every command and the manifest use. */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    /** The version from the build ({@code version.properties}, filtered by Maven), or "unknown" when run from unfiltered classes. */
    public static String dgmoe() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
