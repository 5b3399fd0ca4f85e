package org.vecnn.cli;

import org.vecnn.Backend;
import org.vecnn.BackendUnavailableException;
import org.vecnn.Backends;
import org.vecnn.UnknownBackendException;

/**
 * The backend a command runs on, resolved the same way by every command: {@code --backend NAME}, else the
 * default, which {@code -Dvecnn.backend} or {@code VECNN_BACKEND} may name. An override that names an unknown or
 * unavailable backend stops every command (exit 3) with the setting named, never a silent fallback.
 */
final class DefaultBackend {
    private DefaultBackend() {
    }

    /** {@code Backends.get(name)} where a name is given, else {@link #get()}. */
    static Backend named(String name) {
        return name == null ? get() : Backends.get(name);
    }

    /**
     * {@code Backends.get()}, with the override that named a backend that cannot be had put first in the message.
     *
     * @throws UnknownBackendException     if the override names no backend on the class path
     * @throws BackendUnavailableException if it names one that cannot run here, or no backend can
     */
    static Backend get() {
        try {
            return Backends.get();
        } catch (UnknownBackendException e) {
            String setting = override();
            if (setting == null) {
                throw e;
            }
            UnknownBackendException named = new UnknownBackendException(setting + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (BackendUnavailableException e) {
            String setting = override();
            throw setting == null ? e : new BackendUnavailableException(setting + ": " + e.getMessage(), e);
        }
    }

    /** E.g. {@code VECNN_BACKEND=foo} or {@code -Dvecnn.backend=foo}; null when neither is set. */
    static String override() {
        String property = System.getProperty(Backends.PROPERTY);
        if (property != null && !property.isBlank()) {
            return "-D" + Backends.PROPERTY + "=" + property;
        }
        String variable = System.getenv(Backends.ENVIRONMENT);
        return variable == null || variable.isBlank() ? null : Backends.ENVIRONMENT + "=" + variable;
    }
}
