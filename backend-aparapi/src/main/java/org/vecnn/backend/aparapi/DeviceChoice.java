package org.vecnn.backend.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the device from the system property {@value #PROPERTY}: unset or {@code auto} takes the first GPU,
 * else the first OpenCL CPU device, else the first accelerator; {@code gpu}, {@code cpu} or
 * {@code accelerator} take the first device of that type; {@code jtp} runs the kernels in Java threads (for
 * debugging, never chosen silently); anything else picks the first device whose name contains it
 * (case-insensitive). Failures say why in words a user can act on.
 */
final class DeviceChoice {
    /** The system property that picks the device. */
    static final String PROPERTY = "vecnn.aparapi.device";
    /** The system property that lets the device share host memory ({@code true}); copies by default. */
    static final String SHARED_MEMORY = "vecnn.aparapi.sharedMemory";

    private DeviceChoice() {
    }

    /** The device {@code spec} asks for. */
    static Target choose(String spec) {
        String wanted = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            wanted = "auto";
        }
        if (wanted.equals("jtp")) {
            return Target.javaThreads("Java threads (Aparapi JTP, no OpenCL: requested by -D" + PROPERTY + "=jtp)");
        }
        if (!OpenCLLoader.isOpenCLAvailable()) {
            throw new UnavailableException("no OpenCL: Aparapi's native library did not load (is libOpenCL.so.1 installed, "
                    + "e.g. Debian's ocl-icd-libopencl1, and is java.io.tmpdir executable?)");
        }
        List<OpenCLDevice> gpus = list(Device.TYPE.GPU);
        List<OpenCLDevice> cpus = list(Device.TYPE.CPU);
        List<OpenCLDevice> accelerators = list(Device.TYPE.ACC);
        List<OpenCLDevice> all = new ArrayList<>(gpus);
        all.addAll(cpus);
        all.addAll(accelerators);
        if (all.isEmpty()) {
            throw new UnavailableException("no OpenCL device: the OpenCL loader found no driver (install your GPU "
                    + "vendor's OpenCL ICD, or pocl-opencl-icd for the CPU)");
        }
        List<OpenCLDevice> candidates;
        switch (wanted) {
            case "auto": candidates = all; break;
            case "gpu": candidates = gpus; break;
            case "cpu": candidates = cpus; break;
            case "accelerator": candidates = accelerators; break;
            default:
                candidates = new ArrayList<>();
                for (OpenCLDevice d : all) {
                    if (d.getName() != null && d.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
                        candidates.add(d);
                    }
                }
        }
        if (candidates.isEmpty()) {
            throw new UnavailableException("no OpenCL device matches -D" + PROPERTY + "=" + spec + "; devices found: "
                    + names(all));
        }
        OpenCLDevice device = candidates.get(0);
        device.setSharedMemory(Boolean.getBoolean(SHARED_MEMORY));
        return Target.openCL(device, describe(device));
    }

    private static List<OpenCLDevice> list(Device.TYPE type) {
        List<OpenCLDevice> devices = OpenCLDevice.listDevices(type);
        return devices == null ? new ArrayList<>() : devices;
    }

    static String describe(OpenCLDevice device) {
        String platform = device.getOpenCLPlatform() == null ? "?" : device.getOpenCLPlatform().getName();
        return "OpenCL " + device.getType() + " '" + device.getName() + "' (platform " + platform + ", "
                + device.getMaxComputeUnits() + " compute units, " + (device.getGlobalMemSize() >> 20) + " MiB)";
    }

    private static List<String> names(List<OpenCLDevice> devices) {
        List<String> names = new ArrayList<>();
        for (OpenCLDevice d : devices) {
            names.add(d.getType() + " '" + d.getName() + "'");
        }
        return names;
    }
}
