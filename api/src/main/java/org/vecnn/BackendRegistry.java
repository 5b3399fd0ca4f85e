package org.vecnn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.vecnn.spi.Availability;
import org.vecnn.spi.BackendProvider;
import org.vecnn.spi.Kernels;

/**
 * The providers found once, each probed at most once and created at most once. A provider that fails in
 * any way (construction, name, probe, creation) is reported with the failure and never hides the others.
 */
final class BackendRegistry {
    private final List<Candidate> candidates;
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private final Map<String, Backend> created = new ConcurrentHashMap<>();
    private final AtomicBoolean passedOverLogged = new AtomicBoolean();

    private BackendRegistry(List<Candidate> candidates) {
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.priority).reversed());
        this.candidates = List.copyOf(candidates);
    }

    /** Closes every backend this registry created ({@link Backend#close()}); they stay usable. */
    void closeAll() {
        for (Backend backend : created.values()) {
            backend.close();
        }
    }

    /** The providers {@link ServiceLoader} finds through {@code loader}. */
    static BackendRegistry load(ClassLoader loader) {
        List<Candidate> candidates = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        int failures = 0;
        while (failures < 100) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidates.add(Candidate.of(it.next()));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                failures++;
                candidates.add(Candidate.failed(e));
            }
        }
        return new BackendRegistry(candidates);
    }

    /** The providers the suppliers give; a supplier that throws stands for a provider that cannot be constructed. */
    static BackendRegistry of(List<Supplier<BackendProvider>> providers) {
        List<Candidate> candidates = new ArrayList<>();
        for (Supplier<BackendProvider> supplier : providers) {
            try {
                candidates.add(Candidate.of(supplier.get()));
            } catch (LinkageError | RuntimeException e) {
                candidates.add(Candidate.failed(e));
            }
        }
        return new BackendRegistry(candidates);
    }

    List<BackendStatus> report() {
        return candidates.stream().map(Candidate::status).collect(Collectors.toList());
    }

    /** The backend {@code override} names, or the available one of highest priority if it is null or blank. */
    Backend get(String override) {
        if (override != null && !override.isBlank()) {
            return named(override.trim());
        }
        List<Candidate> passedOver = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.provider != null && c.availability().isAvailable()) {
                Backend chosen = create(c);
                sayOnceWhyBetterBackendsWerePassedOver(passedOver, chosen.name());
                return chosen;
            }
            if (c.provider != null) {
                passedOver.add(c);
            }
        }
        throw new BackendUnavailableException("no vecnn backend is available; providers found: "
                + (candidates.isEmpty() ? "none (add a backend jar, e.g. vecnn-backend-loops, to the class path)"
                        : report().toString()));
    }

    /**
     * Logs, once per registry, each backend of higher priority than the default that cannot run here, with the
     * reason: without it, a JVM started without {@code --add-modules jdk.incubator.vector} would fall back from
     * the vector backend to the next one without a word.
     */
    private void sayOnceWhyBetterBackendsWerePassedOver(List<Candidate> passedOver, String chosen) {
        if (passedOver.isEmpty() || !passedOverLogged.compareAndSet(false, true)) {
            return;
        }
        for (Candidate c : passedOver) {
            LOG.log(System.Logger.Level.INFO, "vecnn: backend ''{0}'' (priority {1}) is on the class path but cannot "
                    + "run here: {2}; the default backend is ''{3}''", c.name, c.priority, c.availability().detail(),
                    chosen);
        }
    }

    Backend named(String name) {
        for (Candidate c : candidates) {
            if (c.provider != null && c.name.equals(name)) {
                Availability availability = c.availability();
                if (!availability.isAvailable()) {
                    throw new BackendUnavailableException("backend '" + name + "' is unavailable: " + availability.detail());
                }
                return create(c);
            }
        }
        throw new UnknownBackendException("unknown backend '" + name + "'; known backends: " + candidates.stream()
                .filter(c -> c.provider != null).map(c -> c.name).collect(Collectors.toList()));
    }

    private Backend create(Candidate c) {
        return created.computeIfAbsent(c.name, name -> {
            try {
                Kernels kernels = c.provider.create();
                if (kernels == null) {
                    throw new BackendUnavailableException("backend '" + name + "': its provider created null");
                }
                return Backend.of(name, kernels);
            } catch (BackendUnavailableException e) {
                throw e;
            } catch (LinkageError | RuntimeException e) {
                throw new BackendUnavailableException("backend '" + name + "' failed to start: " + e, e);
            }
        });
    }

    private static final class Candidate {
        final BackendProvider provider;
        final String name;
        final int priority;
        final String className;
        private Availability availability;

        private Candidate(BackendProvider provider, String name, int priority, String className, Availability known) {
            this.provider = provider;
            this.name = name;
            this.priority = priority;
            this.className = className;
            this.availability = known;
        }

        static Candidate of(BackendProvider provider) {
            String className = provider.getClass().getName();
            try {
                return new Candidate(provider, provider.name(), provider.priority(), className, null);
            } catch (LinkageError | RuntimeException e) {
                return new Candidate(null, className, Integer.MIN_VALUE, className,
                        Availability.unavailable("provider failed to describe itself: " + e));
            }
        }

        static Candidate failed(Throwable e) {
            String cause = e.getCause() == null ? "" : ", caused by " + e.getCause();
            return new Candidate(null, "(provider failed to load)", Integer.MIN_VALUE, "?",
                    Availability.unavailable(e + cause));
        }

        synchronized Availability availability() {
            if (availability == null) {
                try {
                    Availability probed = provider.probe();
                    availability = probed != null ? probed : Availability.unavailable("probe returned null");
                } catch (LinkageError | RuntimeException e) {
                    availability = Availability.unavailable("probe failed: " + e);
                }
            }
            return availability;
        }

        BackendStatus status() {
            Availability a = availability();
            return new BackendStatus(name, priority, a.isAvailable(), a.detail(), className);
        }
    }
}
