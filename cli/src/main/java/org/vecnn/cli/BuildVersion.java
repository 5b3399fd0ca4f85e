package org.vecnn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code vecnn --version}: the version the build wrote into {@code version.properties}, never one kept by hand. */
final class BuildVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    /** The project's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("vecnn: " + RESOURCE + " is missing from the cli jar; rebuild it");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vecnn " + version()};
    }
}
