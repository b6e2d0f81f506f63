package org.dgmoe.app.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of this machine, without a DNS lookup (on these machines the name need not resolve). */
public final class Host {
    private Host() {
    }

    /** {@code HOSTNAME}, else {@code /etc/hostname}, else "unknown". */
    public static String name() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        try {
            String fromFile = new String(Files.readAllBytes(Path.of("/etc/hostname")), StandardCharsets.UTF_8).trim();
            return fromFile.isEmpty() ? "unknown" : fromFile;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
