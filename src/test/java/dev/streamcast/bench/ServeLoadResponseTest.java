package dev.streamcast.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load generator's reading of HTTP/1.1 answers on a kept-alive connection: each answer read to its end (by
 * Content-Length or chunks), so the next starts where it should; its status; a closing server; a broken stream.
 */
class ServeLoadResponseTest {
    @Test
    void answersAreReadOneAfterAnotherWhateverTheirFraming() throws IOException {
        InputStream in = stream("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
                + "{\"prediction\": 1}"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n4;ext=1\r\n 12}\r\n0\r\n"
                + "Trailer: x\r\n\r\n"
                + "HTTP/1.1 504 Gateway Timeout\nContent-Length: 2\nConnection: close\n\n{}"
                + "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        assertThat(ServeLoad.readResponse(in)).isEqualTo(new ServeLoad.Response(201, false));
        assertThat(ServeLoad.readResponse(in)).isEqualTo(new ServeLoad.Response(200, false));
        assertThat(ServeLoad.readResponse(in)).isEqualTo(new ServeLoad.Response(504, true));
        assertThat(ServeLoad.readResponse(in)).isEqualTo(new ServeLoad.Response(400, false));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aBrokenStreamIsAnIoError() {
        assertThatThrownBy(() -> ServeLoad.readResponse(stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}")))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> ServeLoad.readResponse(stream("SSH-2.0-OpenSSH\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x status line");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
