package org.safepolicing.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How a component of the stack shows that it serves: a port that accepts connections, or a URL that answers 200.
 * {@link #check()} says it in the words {@code bin/suite status} prints.
 */
public sealed interface Health {

    /** The outcome of one check: ready or not, and the words for a person. */
    record Result(boolean ready, String words) {
    }

    Result check();

    /** Ready when 127.0.0.1:{@code port} accepts a connection. */
    record Port(int port) implements Health {
        @Override
        public Result check() {
            return open(port) ? new Result(true, "accepting connections") : new Result(false, "not answering");
        }
    }

    /**
     * Ready when {@code url} answers 200: {@code ready} (with {@code (label)} when there is one), else {@code not
     * ready (<what> answers <status>)}, status 000 when nothing answers; {@code what} is the URL's path unless named.
     */
    record Http(URI url, String label, String what) implements Health {

        public Http(URI url) {
            this(url, null, null);
        }

        @Override
        public Result check() {
            int status = status(url);
            if (status == 200) {
                return new Result(true, label == null ? "ready" : "ready (" + label + ")");
            }
            return new Result(false, "not ready (" + (what == null ? url.getPath() : what) + " answers "
                    + (status == 0 ? "000" : Integer.toString(status)) + ")");
        }
    }

    /** Is something listening on 127.0.0.1:port? */
    static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP status of a GET of {@code url} (5 s at most), 0 when nothing answers. */
    static int status(URI url) {
        try {
            return Clients.HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** One client for every check of this JVM. */
    final class Clients {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private Clients() {
        }
    }
}
