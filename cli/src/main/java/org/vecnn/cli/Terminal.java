package org.vecnn.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process talks to a terminal, so that progress bars (carriage returns) never end up in a log
 * file or a pipe. JDK 17 has no console when input or output is redirected; JDK 22 and later always have one
 * and say with {@code Console.isTerminal()}. {@code -Dvecnn.progress=always} or {@code never} overrides.
 */
final class Terminal {
    static final String PROPERTY = "vecnn.progress";

    private Terminal() {
    }

    static boolean interactive() {
        String forced = System.getProperty(PROPERTY, "auto");
        if (forced.equalsIgnoreCase("always")) {
            return true;
        }
        if (forced.equalsIgnoreCase("never")) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
