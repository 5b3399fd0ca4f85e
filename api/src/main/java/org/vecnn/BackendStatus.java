package org.vecnn;

import java.util.Objects;

/**
 * One line of {@link Backends#report()}: a backend provider found on the class path, whether its backend can
 * run here, and what was found or why not.
 */
public final class BackendStatus {
    private final String name;
    private final int priority;
    private final boolean available;
    private final String detail;
    private final String providerClass;

    BackendStatus(String name, int priority, boolean available, String detail, String providerClass) {
        this.name = Objects.requireNonNull(name);
        this.priority = priority;
        this.available = available;
        this.detail = Objects.requireNonNull(detail);
        this.providerClass = Objects.requireNonNull(providerClass);
    }

    /** The backend's name, or the provider's class name if even its name could not be read. */
    public String name() {
        return name;
    }

    /** The provider's priority; {@link Integer#MIN_VALUE} when it could not be read. */
    public int priority() {
        return priority;
    }

    /** Whether the backend can be created here. */
    public boolean available() {
        return available;
    }

    /** What was found when available (e.g. the device), the reason when not. */
    public String detail() {
        return detail;
    }

    /** The provider's implementation class. */
    public String providerClass() {
        return providerClass;
    }

    @Override
    public String toString() {
        return name + " (priority " + priority + "): " + (available ? "available, " : "unavailable, ") + detail;
    }
}
