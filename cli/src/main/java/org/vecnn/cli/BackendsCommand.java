package org.vecnn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vecnn.BackendStatus;
import org.vecnn.Backends;
import org.vecnn.Backend;
import org.vecnn.Capabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vecnn backends}: every provider found, available or not and why, and which one is the default. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend found on the class path: available or not and why, priority, device, "
                + "dtypes, accelerated operations, and which one is the default.")
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    /** One backend, as printed. */
    static final class Info {
        String name;
        int priority;
        boolean available;
        boolean isDefault;
        String detail;
        String device;
        List<String> dtypes = List.of();
        List<String> accelerated = List.of();
    }

    static List<Info> collect() {
        String defaultName = defaultBackendName();
        List<Info> infos = new ArrayList<>();
        for (BackendStatus status : Backends.report()) {
            Info info = new Info();
            info.name = status.name();
            info.priority = status.priority();
            info.available = status.available();
            info.detail = status.detail();
            info.isDefault = status.available() && status.name().equals(defaultName);
            if (status.available()) {
                Backend backend = Backends.get(status.name());
                Capabilities c = backend.capabilities();
                info.device = c.device();
                info.dtypes = c.dtypes().stream().map(d -> d.numpyName()).collect(Collectors.toList());
                info.accelerated = c.accelerated().stream()
                        .collect(Collectors.toList());
            }
            infos.add(info);
        }
        return infos;
    }

    private static String defaultBackendName() {
        try {
            return DefaultBackend.get().name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Lists every backend; then, where {@code VECNN_BACKEND} or {@code -Dvecnn.backend} names one that cannot be
     * had, fails as every other command does (exit 3, the setting named), no backend marked as the default.
     */
    @Override
    public Integer call() {
        print(collect());
        if (DefaultBackend.override() != null) {
            DefaultBackend.get();
        }
        return ExitCodes.OK;
    }

    private void print(List<Info> infos) {
        if (output.json) {
            spec.commandLine().getOut().println(Json.of(infos));
            return;
        }
        Table table = new Table("backend", "priority", "status", "device / reason", "dtypes", "accelerated").rightAlign(1);
        for (Info info : infos) {
            table.row(info.name + (info.isDefault ? " *" : ""), info.priority,
                    info.available ? "available" : "unavailable",
                    info.available ? info.device : info.detail,
                    String.join(",", info.dtypes), String.join(",", info.accelerated));
        }
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().println("* the default: highest priority available; override with -D"
                + Backends.PROPERTY + "=NAME or " + Backends.ENVIRONMENT + "=NAME");
    }
}
