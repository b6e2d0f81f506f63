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

    /**
     * The version of the library that holds {@code cls}, from the {@code pom.properties} Maven packs
     * into every jar ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}), read from the jar the class
     * was actually loaded from (Spark's own jars may carry another copy of the same library); else the
     * jar manifest's Implementation-Version; else "unknown".
     */
    public static String of(Class<?> cls, String groupId, String artifactId) {
        String entry = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try {
            java.security.CodeSource source = cls.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                String location = source.getLocation().toString();
                java.net.URL url = location.endsWith(".jar") ? new java.net.URL("jar:" + location + "!/" + entry)
                        : cls.getClassLoader().getResource(entry);
                if (url != null) {
                    try (InputStream in = url.openStream()) {
                        Properties p = new Properties();
                        p.load(in);
                        String v = p.getProperty("version");
                        if (v != null) {
                            return v;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the manifest below
        }
        String v = cls.getPackage() == null ? null : cls.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
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
