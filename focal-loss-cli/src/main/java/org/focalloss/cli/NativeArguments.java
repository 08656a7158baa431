package org.focalloss.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments as the user typed them. The JVM decodes {@code argv} with the platform's
 * {@code sun.jnu.encoding}; under {@code LANG=C} that is ASCII, and a typed "−1.5" (U+2212, three UTF-8
 * bytes) arrives as three U+FFFD replacement characters. On Linux the original bytes are still in
 * {@code /proc/self/cmdline}: when an argument was damaged and the bytes there decode as strict UTF-8
 * (and agree with the JVM's reading everywhere else), they replace it. Otherwise the arguments are kept,
 * and the number parser reports the U+FFFD with a hint to use an ASCII minus or a UTF-8 locale.
 */
final class NativeArguments {

    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private NativeArguments() {
    }

    /**
     * @param args the arguments the JVM passed to {@code main}
     * @return the same arguments, or their strict UTF-8 decoding from /proc/self/cmdline when the JVM's
     *         decoding lost characters
     */
    static String[] recover(String[] args) {
        boolean damaged = false;
        for (String a : args) {
            damaged |= a.indexOf('\uFFFD') >= 0;
        }
        if (!damaged) {
            return args;
        }
        try {
            return recover(args, Files.readAllBytes(CMDLINE), Charset.forName(System.getProperty("sun.jnu.encoding",
                    Charset.defaultCharset().name())));
        } catch (IOException | RuntimeException e) {
            return args;
        }
    }

    /**
     * @param args the JVM's decoding of the program arguments
     * @param cmdline the raw command line: NUL-terminated arguments, the program arguments last
     * @param jnu the charset the JVM used
     * @return the recovered arguments, or {@code args} if the command line does not match them
     */
    static String[] recover(String[] args, byte[] cmdline, Charset jnu) {
        List<byte[]> raw = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                byte[] a = new byte[i - start];
                System.arraycopy(cmdline, start, a, 0, a.length);
                raw.add(a);
                start = i + 1;
            }
        }
        if (raw.size() < args.length) {
            return args;
        }
        String[] out = new String[args.length];
        int offset = raw.size() - args.length;
        for (int k = 0; k < args.length; k++) {
            byte[] bytes = raw.get(offset + k);
            String utf8 = strictUtf8(bytes);
            if (utf8 == null || !sameExceptReplacements(args[k], new String(bytes, jnu), utf8)) {
                return args;
            }
            out[k] = utf8;
        }
        return out;
    }

    private static boolean sameExceptReplacements(String arg, String jnuDecoded, String utf8) {
        if (!arg.equals(jnuDecoded)) {
            return false;           // not the argument we think it is
        }
        // ASCII characters must be where the JVM saw them.
        return utf8.codePoints().filter(c -> c < 0x80).count() == arg.chars().filter(c -> c < 0x80).count();
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
