package org.focalloss.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a file line by line as strict UTF-8 (malformed bytes are reported, never replaced), so that a bad
 * byte is reported with its line and position. Lines end at {@code \n}; a {@code \r} before it is dropped.
 * Memory: one line at a time.
 */
final class LineReader implements Closeable {

    /** A byte sequence that is not UTF-8, at {@code byteOffset} (0-based) of its line. */
    static final class MalformedLineException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient String detail;

        MalformedLineException(String detail) {
            super(detail);
            this.detail = detail;
        }

        /** @return e.g. "byte 7 of the line (0xff) is not valid UTF-8" */
        String detail() {
            return detail;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private byte[] line = new byte[512];
    private int len;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line without its terminator, or null at the end of the input
     * @throws MalformedLineException if the line is not valid UTF-8
     * @throws IOException if reading fails
     */
    String readLine() throws IOException {
        len = 0;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                int n = in.read(buf, 0, buf.length);
                pos = 0;
                lim = Math.max(n, 0);
                if (n <= 0) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? lim : nl;
            append(pos, end - pos);
            pos = nl < 0 ? lim : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        return decode(n);
    }

    private void append(int from, int count) {
        if (len + count > line.length) {
            line = Arrays.copyOf(line, Math.max(len + count, line.length * 2));
        }
        System.arraycopy(buf, from, line, len, count);
        len += count;
    }

    private String decode(int n) throws MalformedLineException {
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, n);
        CharBuffer chars = CharBuffer.allocate(n);
        decoder.reset();
        var result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < Math.max(1, result.length()) && at + k < n; k++) {
                hex.append(k == 0 ? "0x" : " 0x").append(String.format(Locale.ROOT, "%02x", line[at + k] & 0xff));
            }
            throw new MalformedLineException("byte " + (at + 1) + " of the line (" + hex
                    + ") is not valid UTF-8: save the file as UTF-8");
        }
        chars.flip();
        return chars.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
