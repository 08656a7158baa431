package org.focalloss.notebook;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Publishes a MIME bundle (display_data) through the Java Jupyter kernel the code runs in, found by
 * reflection so the library needs no kernel on its class path and notebooks call no kernel-specific API:
 * JJava ({@code org.dflib.jjava}) and IJava ({@code io.github.spencerpark.ijava}) are both supported.
 * Outside a kernel {@link #publish} returns false and the caller prints plain text instead.
 */
final class KernelDisplay {

    private static final String[][] KERNELS = {
        // kernel accessor class, accessor method, DisplayData class
        {"org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
            "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
        {"io.github.spencerpark.ijava.IJava", "getKernelInstance",
            "io.github.spencerpark.jupyter.kernel.display.DisplayData"},
    };

    private static volatile Bridge bridge;

    private KernelDisplay() {
    }

    private record Bridge(Object kernel, Class<?> displayData, Method putData, Method display) {
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            b = find();
            bridge = b;
        }
        return b;
    }

    private static Bridge find() {
        ClassLoader[] loaders = {KernelDisplay.class.getClassLoader(), Thread.currentThread().getContextClassLoader(),
            ClassLoader.getSystemClassLoader()};
        for (String[] k : KERNELS) {
            for (ClassLoader loader : loaders) {
                try {
                    Class<?> accessor = Class.forName(k[0], true, loader);
                    Object kernel = accessor.getMethod(k[1]).invoke(null);
                    if (kernel == null) {
                        continue;
                    }
                    Class<?> dd = Class.forName(k[2], true, accessor.getClassLoader());
                    Method put = dd.getMethod("putData", String.class, Object.class);
                    Method display = kernel.getClass().getMethod("display", dd);
                    return new Bridge(kernel, dd, put, display);
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    // not this kernel, or not from this loader
                }
            }
        }
        return new Bridge(null, null, null, null);
    }

    /**
     * @return whether a Java Jupyter kernel is available for display
     */
    static boolean available() {
        return bridge().kernel() != null;
    }

    /**
     * @param bundle MIME type → data (strings; images base64-encoded)
     * @return true if the kernel published it, false if there is no kernel
     */
    static boolean publish(Map<String, String> bundle) {
        return publish(bundle, Map.of());
    }

    /**
     * Publishes a bundle with output metadata, e.g. {@code "image/png" → {"width": 720, "height": 440}},
     * the display size JupyterLab, nbconvert and VS Code give an image. Both kernels serialise the metadata
     * map (their {@code DisplayData.putMetaData}) with Gson into the message's {@code metadata} object.
     *
     * @param bundle MIME type → data (strings; images base64-encoded)
     * @param metadata key → JSON-like value (maps, strings, numbers)
     * @return true if the kernel published it, false if there is no kernel
     */
    static boolean publish(Map<String, String> bundle, Map<String, ?> metadata) {
        Bridge b = bridge();
        if (b.kernel() == null) {
            return false;
        }
        try {
            Object data = b.displayData().getConstructor().newInstance();
            for (Map.Entry<String, String> e : bundle.entrySet()) {
                b.putData().invoke(data, e.getKey(), e.getValue());
            }
            if (!metadata.isEmpty()) {
                Method putMeta = b.displayData().getMethod("putMetaData", String.class, Object.class);
                for (Map.Entry<String, ?> e : metadata.entrySet()) {
                    putMeta.invoke(data, e.getKey(), e.getValue());
                }
            }
            b.display().invoke(b.kernel(), data);
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
